import { json } from '@sveltejs/kit';
import { openApiDocument } from '$lib/server/openapi/document.ts';

// GET /api/v1/openapi.json — public, so other systems can generate clients before they have an account.
export const GET = () => json(openApiDocument(), { headers: { 'cache-control': 'public, max-age=300' } });
