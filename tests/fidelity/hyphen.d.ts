interface Hyphenator {
  hyphenateSync(text: string, options?: { minWordLength?: number }): string;
}
declare module 'hyphen/en/index.js' {
  const hyphenator: Hyphenator;
  export default hyphenator;
}
declare module 'hyphen/es/index.js' {
  const hyphenator: Hyphenator;
  export default hyphenator;
}
declare module 'hyphen/fr/index.js' {
  const hyphenator: Hyphenator;
  export default hyphenator;
}
