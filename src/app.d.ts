// See https://svelte.dev/docs/kit/types#app.d.ts
import type { SessionUser } from '$lib/server/auth/session';
declare global {
  namespace App {
    interface Error {
      code?: string;
      message: string;
      requestId?: string;
    }
    interface Locals {
      user: SessionUser | null;
      lang: 'zh' | 'en';
      requestId?: string;
    }
  }
}
export {};
