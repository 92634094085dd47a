import { and, count, eq, gt, isNull, lt, or } from 'drizzle-orm';
import { first, type Db } from '../../db/client';
import { passwordResetTokens, recoveryCodes, userTotp } from '../../db/schema';

export type TotpRow = typeof userTotp.$inferSelect;
export type ResetTokenRow = typeof passwordResetTokens.$inferSelect;

export function createSecurityRepository(db: Db) {
  return {
    async findTotp(userId: number): Promise<TotpRow | undefined> {
      return await first(db.select().from(userTotp).where(eq(userTotp.userId, userId)));
    },

    /** Starts (or starts over) a set-up not confirmed yet. */
    async savePendingTotp(userId: number, sealedSecret: string): Promise<void> {
      await db
        .insert(userTotp)
        .values({ userId, secret: sealedSecret, enabledAt: null, lastUsedStep: null })
        .onConflictDoUpdate({
          target: userTotp.userId,
          set: { secret: sealedSecret, enabledAt: null, lastUsedStep: null, createdAt: new Date().toISOString() },
        });
    },

    async enableTotp(userId: number, step: number): Promise<void> {
      await db.update(userTotp).set({ enabledAt: new Date().toISOString(), lastUsedStep: step }).where(eq(userTotp.userId, userId));
    },

    /**
     * Records that the code of `step` was used, only when no code of that step or a later
     * one was used before; false means a replay (or a race lost to a parallel request).
     */
    async claimStep(userId: number, step: number): Promise<boolean> {
      const result = await db
        .update(userTotp)
        .set({ lastUsedStep: step })
        .where(and(eq(userTotp.userId, userId), or(isNull(userTotp.lastUsedStep), lt(userTotp.lastUsedStep, step))))
        .returning();
      return result.length === 1;
    },

    async deleteTotp(userId: number): Promise<void> {
      await db.delete(userTotp).where(eq(userTotp.userId, userId));
      await db.delete(recoveryCodes).where(eq(recoveryCodes.userId, userId));
    },

    async replaceRecoveryCodes(userId: number, hashes: string[]): Promise<void> {
      await db.delete(recoveryCodes).where(eq(recoveryCodes.userId, userId));
      await db.insert(recoveryCodes).values(hashes.map((codeHash) => ({ userId, codeHash })));
    },

    /** Marks an unused recovery code of the user as used; false when there is none with that hash. */
    async useRecoveryCode(userId: number, codeHash: string): Promise<boolean> {
      const result = await db
        .update(recoveryCodes)
        .set({ usedAt: new Date().toISOString() })
        .where(and(eq(recoveryCodes.userId, userId), eq(recoveryCodes.codeHash, codeHash), isNull(recoveryCodes.usedAt)))
        .returning();
      return result.length > 0;
    },

    async recoveryCodesLeft(userId: number): Promise<number> {
      return (
        (
          await first(
            db
              .select({ n: count() })
              .from(recoveryCodes)
              .where(and(eq(recoveryCodes.userId, userId), isNull(recoveryCodes.usedAt))),
          )
        )?.n ?? 0
      );
    },

    async insertResetToken(values: typeof passwordResetTokens.$inferInsert): Promise<void> {
      await db.insert(passwordResetTokens).values(values);
    },

    /** Links made earlier for the user and not used expire when a new one is made. */
    async expireOpenResetTokens(userId: number, now: number): Promise<void> {
      await db
        .update(passwordResetTokens)
        .set({ expiresAt: now })
        .where(and(eq(passwordResetTokens.userId, userId), isNull(passwordResetTokens.usedAt), gt(passwordResetTokens.expiresAt, now)));
    },

    async findResetToken(tokenHash: string): Promise<ResetTokenRow | undefined> {
      return await first(db.select().from(passwordResetTokens).where(eq(passwordResetTokens.tokenHash, tokenHash)));
    },

    /** Uses the token once; false when it was used in the meantime. */
    async consumeResetToken(id: number): Promise<boolean> {
      const result = await db
        .update(passwordResetTokens)
        .set({ usedAt: new Date().toISOString() })
        .where(and(eq(passwordResetTokens.id, id), isNull(passwordResetTokens.usedAt)))
        .returning();
      return result.length === 1;
    },
  };
}
export type SecurityRepository = ReturnType<typeof createSecurityRepository>;
