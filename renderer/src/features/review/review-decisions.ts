// Building the decisions file in the liaison's app: an HMAC-SHA256 over its canonical JSON, keyed by
// the review file's own secret, made with WebCrypto (available in the desktop app, on the local
// server and in Node). Only someone holding the review file can make a file the chair accepts. Runs
// in the renderer.
import { type DecisionsFile, DECISIONS_FORMAT, REVIEW_VERSION, type ReviewDecision, type ReviewFile, decisionsMacText } from '../../../../shared/review/review-file';

function hexBytes(hex: string): Uint8Array<ArrayBuffer> {
  const out = new Uint8Array(hex.length / 2);
  for (let i = 0; i < out.length; i++) out[i] = Number.parseInt(hex.slice(i * 2, i * 2 + 2), 16);
  return out;
}

async function hmacHex(secretHex: string, text: string): Promise<string> {
  const key = await crypto.subtle.importKey('raw', hexBytes(secretHex), { name: 'HMAC', hash: 'SHA-256' }, false, ['sign']);
  const mac = await crypto.subtle.sign('HMAC', key, new TextEncoder().encode(text));
  return [...new Uint8Array(mac)].map((b) => b.toString(16).padStart(2, '0')).join('');
}

export async function buildDecisionsFile(review: ReviewFile, decidedBy: string, decisions: ReviewDecision[], now = new Date()): Promise<DecisionsFile> {
  const body = {
    format: DECISIONS_FORMAT,
    version: REVIEW_VERSION,
    roundId: review.roundId,
    proposalVersion: review.proposalVersion,
    corporationId: review.corporationId,
    reviewSignature: review.signature,
    decidedBy,
    decidedAt: now.toISOString(),
    decisions,
  };
  return { ...body, mac: await hmacHex(review.secret, decisionsMacText(body)) };
}
