// What an API token may be allowed to do (issue 17.1). Pure data and rules: no I/O.
// Each /api/v1 operation open to tokens names exactly one scope in the OpenAPI document (security:
// bearer [scope]); an operation that names none is refused to every token. On top of the scope, the
// service account's role and district decide, through the same permission rules as for a person.
import type { Bilingual } from '../i18n/index.ts';

export const API_SCOPES = [
  'projects:read',
  'projects:write',
  'workflow:act',
  'tracking:write',
  'supervision:read',
  'layers:read'
] as const;
export type ApiScope = (typeof API_SCOPES)[number];

export const SCOPE_LABELS: Record<ApiScope, Bilingual> = {
  'projects:read': { zh: '读取项目（含文件、信息表、履约核查）', en: 'read projects (files, sheet, compliance)' },
  'projects:write': { zh: '提交申请材料（表单、边界、文件）', en: 'write applications (form, boundary, files)' },
  'workflow:act': { zh: '办理流程操作', en: 'take workflow actions' },
  'tracking:write': { zh: '填报跟踪与履约数据', en: 'write tracking and performance figures' },
  'supervision:read': { zh: '读取统计与监管数据', en: 'read statistics and supervision data' },
  'layers:read': { zh: '读取图层与地图瓦片', en: 'read zoning layers and map tiles' }
};

export const isApiScope = (s: string): s is ApiScope => (API_SCOPES as readonly string[]).includes(s);

/** Whether a token with these scopes may call an operation that requires `required` (null: closed to tokens). */
export function tokenMayCall(scopes: readonly string[], required: string | null): boolean {
  return required !== null && scopes.includes(required);
}

/** The scopes chosen in a form, or the reason they cannot be accepted. */
export function parseScopes(values: readonly unknown[]): { scopes: ApiScope[] } | { problem: Bilingual } {
  const picked = [...new Set(values.filter((v): v is string => typeof v === 'string'))];
  const unknown = picked.filter((s) => !isApiScope(s));
  if (unknown.length)
    return {
      problem: { zh: `未知的权限范围：${unknown.join('、')}。`, en: `Unknown scope(s): ${unknown.join(', ')}.` }
    };
  if (!picked.length) return { problem: { zh: '请至少选择一项权限范围。', en: 'Choose at least one scope.' } };
  return { scopes: picked as ApiScope[] };
}

/** Bearer tokens look like zlt_<43 base64url characters>; anything else is not looked up. */
export const TOKEN_PATTERN = /^zlt_[A-Za-z0-9_-]{43}$/;
