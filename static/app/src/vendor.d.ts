// The token theme sheets of @atlaskit/tokens: generated modules exporting one CSS string each.
declare module '@atlaskit/tokens/dist/esm/artifacts/themes/atlassian-light.js' {
  const css: string;
  export default css;
}
declare module '@atlaskit/tokens/dist/esm/artifacts/themes/atlassian-dark.js' {
  const css: string;
  export default css;
}
