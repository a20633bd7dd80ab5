// oidc-provider 8 ships no types (the @types package lags): the constructor and listen the SSO test uses.
declare module 'oidc-provider' {
  export default class Provider {
    constructor(issuer: string, configuration: Record<string, unknown>);
    listen(port: number): import('node:http').Server;
  }
}
