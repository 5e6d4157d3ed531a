/**
 * The prostate painter: a chestnut-shaped gland (broad base, narrow apex, flattened and
 * notched where it meets the rectum) with a smooth random outline, an intermediate-signal
 * transition zone with nodules, a brighter peripheral zone posteriorly and at the apex,
 * and a thin dark capsule. The whole gland is labelled prostate.
 */
import type { PhantomAnatomy, ProstateShape } from './anatomy';
import { LABEL } from './labels';
import { boxBounds, paintVoxel } from './raster';
import type { Canvas } from './raster';

/** Where the outline sits along direction theta, as a multiple of the ellipse radius. */
function outline(p: ProstateShape, theta: number): number {
  let f = 1;
  for (const h of p.harmonics) f += h.amp * Math.cos(h.n * theta + h.phase);
  // theta = -pi/2 points posteriorly: the midline notch facing the rectum.
  const fromBack = (theta + Math.PI / 2) / 0.4;
  return f - p.indent * Math.exp(-fromBack * fromBack);
}

function noduleDelta(p: ProstateShape, u: number, v: number, t: number): number {
  let delta = 0;
  for (const n of p.nodules) {
    const du = u - n.u;
    const dv = v - n.v;
    const dt = t - n.t;
    const d2 = (du * du + dv * dv + dt * dt) / (n.r * n.r);
    if (d2 < 1) delta += n.delta * (1 - d2);
  }
  return delta;
}

/** Paints the gland on every slice between apex and base. */
export function paintProstate(c: Canvas, a: PhantomAnatomy): void {
  const { prostate: p, tissue } = a;
  const reach = 1 + p.harmonics.reduce((s, h) => s + Math.abs(h.amp), 0);
  for (let k = 0; k < c.nz; k++) {
    const z = c.zs[k];
    const t = (z - p.cz) / p.rz; // -1 at the apex, +1 at the base
    if (t <= -1 || t >= 1) continue;
    const profile = Math.sqrt(1 - t * t) * (1 + p.taper * t);
    const cy = p.cy + p.tilt * (p.cz - z);
    const rx = p.rx * profile;
    const ryAnt = p.ry * profile;
    const ryPost = p.ryPost * profile;
    // The peripheral zone wraps the back of the gland and takes over most of the apex.
    const pzInner = t < -0.4 ? 0.4 : 0.62;
    const [i0, i1, j0, j1] = boxBounds(c, p.cx, cy, rx * reach, ryAnt * reach);
    for (let j = j0; j <= j1; j++) {
      const dy = c.ys[j] - cy;
      const v = dy / (dy > 0 ? ryAnt : ryPost);
      const row = (k * c.ny + j) * c.nx;
      for (let i = i0; i <= i1; i++) {
        const u = (c.xs[i] - p.cx) / rx;
        const rho = Math.sqrt(u * u + v * v);
        if (rho >= reach) continue;
        const edge = outline(p, Math.atan2(v, u));
        if (rho >= edge) continue;
        const s = rho / edge;
        if (s > 0.9) paintVoxel(c, row + i, tissue.capsule, 20, LABEL.prostate);
        else if (s > pzInner && v < 0.35) {
          paintVoxel(c, row + i, tissue.peripheral, 40, LABEL.prostate);
        } else {
          const value = tissue.transition + noduleDelta(p, u, v, t);
          paintVoxel(c, row + i, value, 50, LABEL.prostate);
        }
      }
    }
  }
}
