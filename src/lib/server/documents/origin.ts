// The address printed in QR codes must be the one the public reaches: behind a reverse proxy the request's
// own origin is an internal one, so PUBLIC_ORIGIN (e.g. https://zeroland.example.gov.cn) wins when set.
export function publicOrigin(requestUrl: URL): string {
  const configured = process.env.PUBLIC_ORIGIN?.trim();
  return configured ? configured.replace(/\/$/, '') : requestUrl.origin;
}
