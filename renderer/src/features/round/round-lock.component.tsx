// Who prepares the round (the round lock, issue 15): a notice above the round's steps — another chair
// prepares it (the preparing buttons are disabled with that reason, "Overnemen" after a confirmation),
// or the caller does ("Vrijgeven"). The steps read the reason through useRoundBlocked(). The lock is
// read again every half minute through rounds.list (no read of client data), so a release or a take-over
// by someone else shows up without reloading. Runs in the renderer.
import { Alert, Button, Group, Modal, Stack, Text } from '@mantine/core';
import { IconLock, IconLockOpen, IconUserShare } from '@tabler/icons-react';
import { createContext, useContext, useEffect, useState } from 'react';
import { ROUND_LOCK_MINUTES, type RoundDetail, type RoundLock } from '../../../../shared/api/rounds.contract';
import { formatMoment } from '../../../../shared/domain/moments';
import { useApi } from '../../api/api.context';

/** Why the preparing buttons are disabled (another chair prepares the round), or null. */
const BlockedContext = createContext<string | null>(null);

export const RoundBlockedProvider = BlockedContext.Provider;

/** The reason the round cannot be prepared by the caller now (another chair holds it), or null. */
export function useRoundBlocked(): string | null {
  return useContext(BlockedContext);
}

/** The id of the notice, for aria-describedby on disabled buttons. */
export const LOCK_NOTICE_ID = 'round-lock-notice';

/** "Anna de Vries bereidt deze ronde voor sinds 27-11-2026 11:00" — for another chair's live lock. */
export function blockedReason(lock: RoundLock | null, status: RoundDetail['status']): string | null {
  if (!lock || lock.mine || status === 'closed') return null;
  return `${lock.holderName} bereidt deze ronde voor sinds ${formatMoment(lock.since)}`;
}

const POLL_MS = 30_000;

/**
 * The round's lock as it is now: the one rounds.get gave, then read again every half minute. When it
 * passes to someone else (or is let go), `onChanged` reads the round again (they may have changed it).
 */
export function useLiveLock(round: RoundDetail, onChanged: () => void): [RoundLock | null, (lock: RoundLock | null) => void] {
  const api = useApi();
  const [lock, setLock] = useState<RoundLock | null>(round.lock);
  useEffect(() => setLock(round.lock), [round]);
  useEffect(() => {
    if (round.status === 'closed') return;
    let current = true;
    const timer = setInterval(() => {
      api.call('rounds.list', {}).then(
        (rounds) => {
          if (!current) return;
          const now = rounds.find((r) => r.id === round.id)?.lock ?? null;
          setLock((before) => {
            if ((before?.holder ?? null) !== (now?.holder ?? null) && now?.mine !== true) onChanged();
            return now;
          });
        },
        () => undefined, // a lost connection: the next tick tries again
      );
    }, POLL_MS);
    return () => {
      current = false;
      clearInterval(timer);
    };
  }, [api, round.id, round.status, onChanged]);
  return [lock, setLock];
}

export function RoundLockNotice({ round, lock, onLockChanged }: { round: RoundDetail; lock: RoundLock | null; onLockChanged: (lock: RoundLock | null) => void }) {
  const api = useApi();
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => setError(null), [lock?.holder]);
  if (round.status === 'closed' || !lock) return null;

  const act = async (fn: () => Promise<RoundLock | null>) => {
    setBusy(true);
    setError(null);
    try {
      onLockChanged(await fn());
      setConfirming(false);
    } catch (e) {
      setConfirming(false);
      setError(e instanceof Error ? e.message : String(e));
    } finally {
      setBusy(false);
    }
  };
  const release = () => act(async () => (await api.call('rounds.release', { roundId: round.id }), null));
  const takeOver = () => act(() => api.call('rounds.takeOver', { roundId: round.id, holder: lock.holder }));
  // The time alone when it is the same day as the start ("om 11:15").
  const since = formatMoment(lock.since);
  const expires = formatMoment(lock.expiresAt);
  const until = expires.slice(0, 10) === since.slice(0, 10) ? expires.slice(11) : expires;

  if (lock.mine) {
    return (
      <Alert color="blue" variant="light" icon={<IconLock size={20} />} id={LOCK_NOTICE_ID} data-testid="round-lock-mine" py="xs">
        <Group justify="space-between" wrap="nowrap" gap="md">
          <Stack gap={2}>
            <Text size="sm" fw={500} data-testid="round-lock-text">
              U bereidt deze ronde voor sinds {since}.
            </Text>
            <Text size="sm" c="dimmed">
              Andere voorzitters kunnen intussen niets wijzigen. Geef de ronde vrij als u klaar bent; na {ROUND_LOCK_MINUTES} minuten zonder wijziging gebeurt dat vanzelf.
            </Text>
            {error && (
              <Text size="sm" c="red" data-testid="round-lock-error">
                {error}
              </Text>
            )}
          </Stack>
          <Button size="xs" variant="default" leftSection={<IconLockOpen size={14} />} loading={busy} onClick={() => void release()} style={{ flexShrink: 0 }} data-testid="round-lock-release">
            Vrijgeven
          </Button>
        </Group>
      </Alert>
    );
  }

  return (
    <>
      <Alert
        color="orange"
        variant="light"
        icon={<IconLock size={20} />}
        id={LOCK_NOTICE_ID}
        title={`${lock.holderName} bereidt deze ronde voor sinds ${since}`}
        data-testid="round-lock-other"
      >
        <Stack gap="xs">
          <Text size="sm" data-testid="round-lock-text">
            U kunt de ronde bekijken, maar niet wijzigen. Dat kan weer zodra {lock.holderName} de ronde vrijgeeft, of na {ROUND_LOCK_MINUTES} minuten zonder
            wijziging (om {until}). Is {lock.holderName} er niet meer, of is het dringend? Neem de voorbereiding dan over.
          </Text>
          {error && (
            <Text size="sm" c="red" data-testid="round-lock-error">
              {error}
            </Text>
          )}
          <Group>
            <Button size="xs" variant="default" leftSection={<IconUserShare size={14} />} onClick={() => setConfirming(true)} data-testid="round-lock-take-over">
              Overnemen
            </Button>
          </Group>
        </Stack>
      </Alert>
      <Modal opened={confirming} onClose={() => setConfirming(false)} title={`Voorbereiding overnemen van ${lock.holderName}?`} centered data-testid="round-lock-confirm">
        <Stack gap="md">
          <Text size="sm">
            {lock.holderName} bereidt deze ronde voor sinds {since}
            {lock.activity !== lock.since && ` en wijzigde er het laatst iets op ${formatMoment(lock.activity)}`}. Na het overnemen kan{' '}
            {lock.holderName} niets meer wijzigen tot u de ronde vrijgeeft; wat {lock.holderName} nog niet heeft opgeslagen, gaat verloren.
          </Text>
          <Text size="sm" c="dimmed">
            Het overnemen komt in het logboek, met uw naam en die van {lock.holderName}.
          </Text>
          <Group justify="flex-end">
            <Button variant="default" onClick={() => setConfirming(false)} data-testid="round-lock-cancel">
              Annuleren
            </Button>
            <Button color="orange" leftSection={<IconUserShare size={16} />} loading={busy} onClick={() => void takeOver()} data-testid="round-lock-confirm-button">
              Overnemen
            </Button>
          </Group>
        </Stack>
      </Modal>
    </>
  );
}
