// Types for dist.mjs (plain Node ESM, run by `npm run dist`).
export declare function keepNodeBuild(projectRoot: string): () => void;
