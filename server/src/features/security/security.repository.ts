import { and, count, eq, gt, isNull, lt, or } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { passwordResetTokens, recoveryCodes, userTotp } from '../../db/schema';

export type TotpRow = typeof userTotp.$inferSelect;
export type ResetTokenRow = typeof passwordResetTokens.$inferSelect;

export function createSecurityRepository(db: Db) {
  return {
    findTotp(userId: number): TotpRow | undefined {
      return db.select().from(userTotp).where(eq(userTotp.userId, userId)).get();
    },

    /** Starts (or starts over) a set-up not confirmed yet. */
    savePendingTotp(userId: number, sealedSecret: string): void {
      db.insert(userTotp)
        .values({ userId, secret: sealedSecret, enabledAt: null, lastUsedStep: null })
        .onConflictDoUpdate({
          target: userTotp.userId,
          set: { secret: sealedSecret, enabledAt: null, lastUsedStep: null, createdAt: new Date().toISOString() },
        })
        .run();
    },

    enableTotp(userId: number, step: number): void {
      db.update(userTotp).set({ enabledAt: new Date().toISOString(), lastUsedStep: step }).where(eq(userTotp.userId, userId)).run();
    },

    /**
     * Records that the code of `step` was used, only when no code of that step or a later
     * one was used before; false means a replay (or a race lost to a parallel request).
     */
    claimStep(userId: number, step: number): boolean {
      const result = db
        .update(userTotp)
        .set({ lastUsedStep: step })
        .where(and(eq(userTotp.userId, userId), or(isNull(userTotp.lastUsedStep), lt(userTotp.lastUsedStep, step))))
        .run();
      return result.changes === 1;
    },

    deleteTotp(userId: number): void {
      db.delete(userTotp).where(eq(userTotp.userId, userId)).run();
      db.delete(recoveryCodes).where(eq(recoveryCodes.userId, userId)).run();
    },

    replaceRecoveryCodes(userId: number, hashes: string[]): void {
      db.delete(recoveryCodes).where(eq(recoveryCodes.userId, userId)).run();
      db.insert(recoveryCodes)
        .values(hashes.map((codeHash) => ({ userId, codeHash })))
        .run();
    },

    /** Marks an unused recovery code of the user as used; false when there is none with that hash. */
    useRecoveryCode(userId: number, codeHash: string): boolean {
      const result = db
        .update(recoveryCodes)
        .set({ usedAt: new Date().toISOString() })
        .where(and(eq(recoveryCodes.userId, userId), eq(recoveryCodes.codeHash, codeHash), isNull(recoveryCodes.usedAt)))
        .run();
      return result.changes > 0;
    },

    recoveryCodesLeft(userId: number): number {
      return (
        db
          .select({ n: count() })
          .from(recoveryCodes)
          .where(and(eq(recoveryCodes.userId, userId), isNull(recoveryCodes.usedAt)))
          .get()?.n ?? 0
      );
    },

    insertResetToken(values: typeof passwordResetTokens.$inferInsert): void {
      db.insert(passwordResetTokens).values(values).run();
    },

    /** Links made earlier for the user and not used expire when a new one is made. */
    expireOpenResetTokens(userId: number, now: number): void {
      db.update(passwordResetTokens)
        .set({ expiresAt: now })
        .where(and(eq(passwordResetTokens.userId, userId), isNull(passwordResetTokens.usedAt), gt(passwordResetTokens.expiresAt, now)))
        .run();
    },

    findResetToken(tokenHash: string): ResetTokenRow | undefined {
      return db.select().from(passwordResetTokens).where(eq(passwordResetTokens.tokenHash, tokenHash)).get();
    },

    /** Uses the token once; false when it was used in the meantime. */
    consumeResetToken(id: number): boolean {
      const result = db
        .update(passwordResetTokens)
        .set({ usedAt: new Date().toISOString() })
        .where(and(eq(passwordResetTokens.id, id), isNull(passwordResetTokens.usedAt)))
        .run();
      return result.changes === 1;
    },
  };
}
export type SecurityRepository = ReturnType<typeof createSecurityRepository>;
