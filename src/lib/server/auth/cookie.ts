// Session cookie: HttpOnly (no script access), SameSite=Lax (no cross-site POSTs), Secure when served over https.
export function sessionCookieOptions(url: URL, expires: Date) {
  return {
    path: '/',
    httpOnly: true,
    sameSite: 'lax' as const,
    secure: url.protocol === 'https:',
    expires
  };
}
