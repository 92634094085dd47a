// The PostgreSQL description of the tables in ../*.ts, table for table and column for
// column (tests/unit/schema-parity.test.ts fails when the two differ). Types are chosen
// so repositories get the same JS values from either engine:
// - 64-bit integers (`bigint`, mode number) where values pass 2^31: money in minor units,
//   byte sizes and epoch milliseconds; other integers stay 32-bit.
// - `boolean` for SQLite's 0/1 booleans, `double precision` for `real`.
// - `json`, not `jsonb`: it keeps the text as written, so objects come back with their
//   keys in the order they were saved (jsonb sorts them), and it accepts every string
//   JSON.stringify makes (jsonb refuses "\u0000").
// - Timestamps stay ISO text; their defaults write the same format as SQLite's (columns.ts).
// - Ids are identity columns "by default", so inserts may leave them out or give them.
export * from './audit';
export * from './budget';
export * from './files';
export * from './indicators';
export * from './projects';
export * from './registry';
export * from './security';
export * from './reports';
export * from './timeline';
export * from './users';
