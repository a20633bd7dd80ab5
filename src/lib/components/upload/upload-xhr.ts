// Uploads with progress: fetch() cannot report upload progress, XMLHttpRequest can (xhr.upload.onprogress).
// Used for boundary files, which can be tens of megabytes (a surveyor's DWG, a district's shapefile).

export type UploadPhase = 'uploading' | 'processing';

export interface UploadResponse {
  status: number;
  /** Parsed JSON body, or null when the body was not JSON (e.g. a proxy's HTML error page). */
  body: unknown;
}

export interface UploadOptions {
  method?: 'POST' | 'PUT';
  /** Called with bytes sent / total while uploading, then once with phase 'processing' when the server parses. */
  onProgress?: (phase: UploadPhase, loaded: number, total: number) => void;
  signal?: AbortSignal;
  /** The page's language: the API answers errors in Accept-Language, which must match the page, not the browser. */
  lang?: 'zh' | 'en';
}

export function uploadWithProgress(url: string, form: FormData, opts: UploadOptions = {}): Promise<UploadResponse> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open(opts.method ?? 'POST', url);
    xhr.setRequestHeader('accept', 'application/json');
    if (opts.lang) xhr.setRequestHeader('accept-language', opts.lang === 'zh' ? 'zh-CN' : 'en');
    xhr.upload.onprogress = (e) => opts.onProgress?.('uploading', e.loaded, e.lengthComputable ? e.total : 0);
    // All bytes are sent: the server now reads, reprojects and validates the file.
    xhr.upload.onload = () => opts.onProgress?.('processing', 1, 1);
    xhr.onload = () => {
      let body: unknown = null;
      try {
        body = JSON.parse(xhr.responseText);
      } catch {
        /* not JSON */
      }
      resolve({ status: xhr.status, body });
    };
    xhr.onerror = () => reject(new Error('network'));
    xhr.onabort = () => reject(new DOMException('aborted', 'AbortError'));
    opts.signal?.addEventListener('abort', () => xhr.abort());
    xhr.send(form);
  });
}

/** The API's error message ({error:{code,message}}), already in the user's language. */
export function apiErrorOf(res: UploadResponse): { code: string; message: string } | null {
  const b = res.body as { error?: { code?: string; message?: string } } | null;
  if (res.status < 400) return null;
  return { code: b?.error?.code ?? `http_${res.status}`, message: b?.error?.message ?? '' };
}

export function formatBytes(n: number): string {
  if (n < 1024) return `${n} B`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(1)} KB`;
  return `${(n / 1024 / 1024).toFixed(1)} MB`;
}
