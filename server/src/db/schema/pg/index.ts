// The PostgreSQL tables, built from the SQLite description in ../sqlite/ by pgTwin
// (twin.ts, decision 020): one description, two engines. The translation keeps the JS
// values the repositories get the same on either engine:
// - 64-bit integers (`bigint`, mode number) where values pass 2^31: money in minor units,
//   byte sizes and epoch milliseconds; other integers stay 32-bit.
// - `boolean` for SQLite's 0/1 booleans, `double precision` for `real`, `bytea` for blobs.
// - `json`, not `jsonb`: it keeps the text as written, so objects come back with their
//   keys in the order they were saved (jsonb sorts them), and it accepts every string
//   JSON.stringify makes (jsonb refuses "\u0000").
// - Timestamps stay ISO text; their default writes the same format as SQLite's (isoNow).
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
