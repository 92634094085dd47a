/**
 * Creates the first admin of an installation without demo data:
 *   npm run create-admin -- --email you@example.org [--name "Your Name"]
 * Asks for the password, or reads it from standard input when that is not a terminal.
 */
import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import { NewPasswordSchema } from '@shared/passwords';
import { EmailSchema } from '@shared/schemas/user';
import { hashPassword } from '../core/password';
import { writeAudit } from '../core/audit';
import { closeDatabase, inTransaction, migrateDatabase, whileStarting } from '../db/client';
import { describeDatabase, openConfiguredDatabase } from '../db/open';
import { readEnv } from '../env';
import { createUsersTable } from '../repositories/users.repository';

async function readPassword(): Promise<string> {
  if (!process.stdin.isTTY) {
    let data = '';
    for await (const chunk of process.stdin) data += String(chunk);
    return data.split(/\r?\n/)[0] ?? '';
  }
  const rl = createInterface({ input: process.stdin, output: process.stdout, terminal: true });
  // Hide what is typed: echo nothing but the prompt.
  const output = rl as unknown as { _writeToOutput: (s: string) => void };
  let prompted = false;
  output._writeToOutput = (s: string) => {
    if (!prompted) process.stdout.write(s);
  };
  const answer = await new Promise<string>((resolve) => {
    rl.question('Password (at least 12 characters): ', resolve);
    prompted = true;
  });
  rl.close();
  process.stdout.write('\n');
  return answer;
}

async function main() {
  const { values } = parseArgs({ options: { email: { type: 'string' }, name: { type: 'string' } } });
  const email = EmailSchema.safeParse(values.email ?? '');
  if (!email.success) throw new Error('Give the admin e-mail: npm run create-admin -- --email you@example.org');
  const password = NewPasswordSchema.safeParse(await readPassword());
  if (!password.success) throw new Error(password.error.issues.map((i) => i.message).join('; '));

  const env = readEnv();
  const db = await openConfiguredDatabase(env);
  await whileStarting(db, () => migrateDatabase(db));
  const passwordHash = await hashPassword(password.data);
  const id = await inTransaction(db, async () => {
    const newId = (await createUsersTable(db).insert({ email: email.data, name: values.name ?? email.data, role: 'admin', passwordHash })).id;
    await writeAudit(db, {
      userId: null,
      entity: 'user',
      entityId: newId,
      projectId: null,
      action: 'create',
      note: 'admin created from the command line',
    });
    return newId;
  });
  await closeDatabase(db);
  console.log(`Created admin ${email.data} (user ${id}) in ${describeDatabase(env)}.`);
}

main().catch((err: unknown) => {
  const message = err instanceof Error ? err.message : String(err);
  console.error(message.includes('UNIQUE') ? 'A user with this e-mail already exists.' : message);
  process.exit(1);
});
