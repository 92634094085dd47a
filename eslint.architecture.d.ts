import type { Linter } from 'eslint';

/** The architecture rules of eslint.architecture.js, for the test that proves they fire. */
export declare const architecture: Linter.Config[];
