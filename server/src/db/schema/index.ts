export * from './audit';
export * from './projects';
export * from './users';
