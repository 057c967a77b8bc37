// A new passphrase asked twice, with the rule shown beside it: one piece for the first start, a new user,
// a reset by the chair and changing one's own. `checkNewPassphrase` checks it the way the server does
// (shared/auth/roles.ts) plus the repeat. Runs in the renderer.
import { PasswordInput, SimpleGrid, Text } from '@mantine/core';
import { PASSPHRASE_MAX, PASSPHRASE_MIN, PASSPHRASE_RULE } from '../../../shared/auth/roles';

export interface PassphrasePair {
  passphrase: string;
  repeat: string;
}

export const EMPTY_PASSPHRASE_PAIR: PassphrasePair = { passphrase: '', repeat: '' };

/** Field errors for the pair (keys 'passphrase' and 'repeat'); empty when it may be sent. */
export function checkNewPassphrase(pair: PassphrasePair): Record<string, string> {
  const errors: Record<string, string> = {};
  if (pair.passphrase.length < PASSPHRASE_MIN) errors.passphrase = PASSPHRASE_RULE;
  else if (pair.passphrase.length > PASSPHRASE_MAX) errors.passphrase = `hoogstens ${PASSPHRASE_MAX} tekens`;
  if (!errors.passphrase && pair.repeat !== pair.passphrase) errors.repeat = 'de twee wachtwoordzinnen zijn niet gelijk';
  return errors;
}

export function PassphraseFields({
  value,
  onChange,
  errors,
  label = 'Wachtwoordzin',
  testId = 'passphrase',
  onServer = false,
}: {
  value: PassphrasePair;
  onChange: (next: PassphrasePair) => void;
  errors: Record<string, string | undefined>;
  label?: string;
  /** Prefix of the data-testids: `<testId>` and `<testId>-repeat`. */
  testId?: string;
  /** On the regional server a forgotten passphrase is set anew by the chair or the server's administrator (no keyring). */
  onServer?: boolean;
}) {
  return (
    <>
      <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
        <PasswordInput
          label={label}
          withAsterisk
          autoComplete="new-password"
          value={value.passphrase}
          onChange={(e) => onChange({ ...value, passphrase: e.currentTarget.value })}
          error={errors.passphrase}
          maxLength={PASSPHRASE_MAX}
          visibilityToggleButtonProps={{ 'aria-label': 'Wachtwoordzin tonen of verbergen' }}
          data-testid={testId}
        />
        <PasswordInput
          label="Herhaal de wachtwoordzin"
          withAsterisk
          autoComplete="new-password"
          value={value.repeat}
          onChange={(e) => onChange({ ...value, repeat: e.currentTarget.value })}
          error={errors.repeat}
          maxLength={PASSPHRASE_MAX}
          visibilityToggleButtonProps={{ 'aria-label': 'Herhaalde wachtwoordzin tonen of verbergen' }}
          data-testid={`${testId}-repeat`}
        />
      </SimpleGrid>
      <Text size="xs" c="dimmed">
        Wachtwoordzin: {PASSPHRASE_RULE}. Vergeten? De voorzitter kan een nieuwe instellen.{' '}
        {onServer
          ? 'Weet geen voorzitter de zijne nog, dan stelt de beheerder van de server er een in.'
          : 'Weet niemand met een account zijn wachtwoordzin nog, dan is de database niet meer te openen: er is geen achterdeur.'}
      </Text>
    </>
  );
}
