export const securityKeys = {
  all: ['security'] as const,
  totp: () => [...securityKeys.all, 'totp'] as const,
  sessions: () => [...securityKeys.all, 'sessions'] as const,
  mySessions: () => [...securityKeys.sessions(), 'me'] as const,
  userSessions: (userId: number) => [...securityKeys.sessions(), 'user', userId] as const,
  settings: () => [...securityKeys.all, 'settings'] as const,
};
