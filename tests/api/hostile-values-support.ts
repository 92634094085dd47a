export const usd = (amount: string) => ({ amount, currency: 'USD' });
