// The review mode's switch: when a review file is open (picked on the start screen or in the app, or the
// one the app was started with), only the review is shown — not the login, not the app. Sits inside the
// AuthProvider, around the AuthGate. Runs in the renderer.
import { Center, Loader } from '@mantine/core';
import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import type { ReviewFile } from '../../../../shared/review/review-file';
import { useApi } from '../../api/api.context';
import { readReviewFile } from './review-file-read';
import { ReviewModePage } from './review-mode.page';

export interface OpenReview {
  file: ReviewFile;
  fileName: string;
  /** Opened by a logged-in liaison from the app: the decisions can be recorded there, not only saved. */
  canRecord: boolean;
  /** A remark shown above the review (proposals left out for want of consent). */
  note?: string | null;
}

interface ReviewModeValue {
  open: (review: OpenReview) => void;
  /** Reads a picked file and opens it; an unreadable one leaves `error` set. */
  openFile: (file: File) => Promise<void>;
  /** Why the last file (picked or given at start) could not be opened, or null. */
  error: string | null;
}

const ReviewModeContext = createContext<ReviewModeValue | null>(null);

/** The review mode's switch, or null outside it (a page rendered on its own). */
export function useReviewMode(): ReviewModeValue | null {
  return useContext(ReviewModeContext);
}

export function ReviewModeGate({ children }: { children: ReactNode }) {
  const api = useApi();
  const [review, setReview] = useState<OpenReview | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [checked, setChecked] = useState(false);

  // Started with a review file (--review, or the desktop app opened on one): straight into the review.
  useEffect(() => {
    let current = true;
    api
      .call('review.startFile', {})
      .then(
        (start) => {
          if (!current || !start) return;
          try {
            setReview({ file: readReviewFile(start.fileName, start.content), fileName: start.fileName, canRecord: false });
          } catch (e) {
            setError(e instanceof Error ? e.message : String(e));
          }
        },
        (e: unknown) => {
          // No token or no server: the AuthGate shows why. A refused start file is said on the start screen.
          if (current && e instanceof Error && /Beoordelingsbestand/.test(e.message)) setError(e.message);
        },
      )
      .finally(() => current && setChecked(true));
    return () => {
      current = false;
    };
  }, [api]);

  const open = useCallback((r: OpenReview) => {
    setError(null);
    setReview(r);
  }, []);
  const openFile = useCallback(async (file: File) => {
    try {
      const text = await file.text();
      setError(null);
      setReview({ file: readReviewFile(file.name, text), fileName: file.name, canRecord: false });
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    }
  }, []);
  const value = useMemo(() => ({ open, openFile, error }), [open, openFile, error]);

  if (!checked) {
    return (
      <Center mih="100vh" aria-busy="true">
        <Loader aria-label="Laden" />
      </Center>
    );
  }
  return (
    <ReviewModeContext.Provider value={value}>
      {review ? <ReviewModePage review={review} onClose={() => setReview(null)} /> : children}
    </ReviewModeContext.Provider>
  );
}
