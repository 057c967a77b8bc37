// Building the decisions file in the liaison's app: the checksum over its canonical JSON, made with
// WebCrypto (available in the desktop app and on the local server). Runs in the renderer.
import { type DecisionsFile, DECISIONS_FORMAT, type ReviewDecision, type ReviewFile, canonicalJson } from '../../../../shared/review/review-file';

async function sha256Hex(text: string): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text));
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, '0')).join('');
}

export async function buildDecisionsFile(review: ReviewFile, decidedBy: string, decisions: ReviewDecision[], now = new Date()): Promise<DecisionsFile> {
  const body = {
    format: DECISIONS_FORMAT,
    version: 1 as const,
    roundId: review.roundId,
    proposalVersion: review.proposalVersion,
    corporationId: review.corporationId,
    reviewSignature: review.signature,
    decidedBy,
    decidedAt: now.toISOString(),
    decisions,
  };
  return { ...body, checksum: await sha256Hex(canonicalJson(body)) };
}
