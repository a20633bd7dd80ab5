// What a password must be (issue 11.8): long enough to resist guessing behind the login throttle, not the
// username, not the demo password, and — when changing — not the same as before. Pure; no I/O.
import { randomInt } from 'node:crypto';

export const MIN_PASSWORD_LENGTH = 10;
export const MAX_PASSWORD_LENGTH = 200;
const KNOWN = ['demo2026', '1234567890', '0123456789', 'password123', 'qwertyuiop', 'abcdefghij'];

export function passwordProblem(
  password: string,
  username: string,
  previous?: string
): { zh: string; en: string } | null {
  if (password.length < MIN_PASSWORD_LENGTH)
    return {
      zh: `新密码至少需要 ${MIN_PASSWORD_LENGTH} 个字符。`,
      en: `The new password needs at least ${MIN_PASSWORD_LENGTH} characters.`
    };
  if (password.length > MAX_PASSWORD_LENGTH)
    return {
      zh: `新密码最多 ${MAX_PASSWORD_LENGTH} 个字符。`,
      en: `The new password may have at most ${MAX_PASSWORD_LENGTH} characters.`
    };
  if (password.toLowerCase().includes(username.toLowerCase()) && username.length >= 3)
    return { zh: '新密码不能包含用户名。', en: 'The new password must not contain the username.' };
  if (KNOWN.some((k) => password.toLowerCase().startsWith(k)) || /^(.)\1+$/.test(password))
    return {
      zh: '新密码过于常见（如演示密码、连续数字或重复字符），请换一个。',
      en: 'The new password is too common (the demo password, a run of digits or one repeated character); choose another.'
    };
  if (previous !== undefined && password === previous)
    return { zh: '新密码不能与当前密码相同。', en: 'The new password must differ from the current one.' };
  return null;
}

/** A temporary password an administrator hands over: 14 characters without look-alikes (0/O, 1/l/I). */
export function temporaryPassword(): string {
  const alphabet = 'ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnpqrstuvwxyz23456789';
  let s = '';
  for (let i = 0; i < 14; i++) s += alphabet[randomInt(alphabet.length)];
  return s;
}
