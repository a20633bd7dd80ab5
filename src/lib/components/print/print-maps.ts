// Maps print as images (issue 14.5). A WebGL canvas prints blank in Chromium and most browsers, so just
// before printing each map canvas is copied into an <img> placed where the map was, and the live map is
// hidden for print (app.css @media print). The copy needs the canvas's last frame: MapLibre keeps it when
// the map is created with `canvasContextAttributes: { preserveDrawingBuffer: true }`; without it the copy
// comes out empty and the map is printed as before (hidden only when a real image was taken).
// The only contract with the map components is the class MapLibre gives its canvas.

const CANVAS = 'canvas.maplibregl-canvas';

/** True when the canvas holds drawn pixels (not a cleared WebGL buffer). */
function drawn(canvas: HTMLCanvasElement): boolean {
  try {
    const probe = document.createElement('canvas');
    probe.width = 24;
    probe.height = 24;
    const ctx = probe.getContext('2d');
    if (!ctx) return false;
    ctx.drawImage(canvas, 0, 0, 24, 24);
    const px = ctx.getImageData(0, 0, 24, 24).data;
    for (let i = 3; i < px.length; i += 4) if (px[i] !== 0) return true;
    return false;
  } catch {
    return false; // a tainted canvas (foreign tiles without CORS) cannot be read
  }
}

/** Snapshots every map inside `root` now; returns how many were replaced by images. */
export function snapshotMaps(root: ParentNode = document): number {
  let n = 0;
  for (const canvas of root.querySelectorAll<HTMLCanvasElement>(CANVAS)) {
    const holder = (canvas.closest('.maplibregl-map') as HTMLElement | null) ?? canvas.parentElement;
    if (!holder || !drawn(canvas)) continue;
    const img = document.createElement('img');
    img.className = 'print-map';
    img.alt = holder.getAttribute('aria-label') ?? '';
    img.src = canvas.toDataURL('image/png');
    holder.setAttribute('data-print-map-hidden', '');
    holder.insertAdjacentElement('beforebegin', img);
    n++;
  }
  return n;
}

export function restoreMaps(root: ParentNode = document): void {
  for (const img of root.querySelectorAll('img.print-map')) img.remove();
  for (const el of root.querySelectorAll('[data-print-map-hidden]')) el.removeAttribute('data-print-map-hidden');
}

/** Svelte action: snapshot the maps of this element around window.print(); also opens closed <details>. */
export function printMaps(node: HTMLElement) {
  let opened: HTMLDetailsElement[] = [];
  const before = () => {
    opened = [...node.querySelectorAll<HTMLDetailsElement>('details:not([open])')];
    for (const d of opened) d.open = true;
    snapshotMaps(node);
  };
  const after = () => {
    restoreMaps(node);
    for (const d of opened) d.open = false;
    opened = [];
  };
  window.addEventListener('beforeprint', before);
  window.addEventListener('afterprint', after);
  return {
    destroy() {
      window.removeEventListener('beforeprint', before);
      window.removeEventListener('afterprint', after);
    }
  };
}
