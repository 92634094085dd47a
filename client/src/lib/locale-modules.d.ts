/** A catalogue cut by scripts/vite-locale-sections.ts: its first-screen sections, or the others. */
declare module '*.json?core' {
  const sections: Record<string, unknown>;
  export default sections;
}

declare module '*.json?rest' {
  const sections: Record<string, unknown>;
  export default sections;
}
