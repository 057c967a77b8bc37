// Mijn account (everyone, in Instellingen): who you are logged in as, and changing your own passphrase
// (the current one is asked again). Runs in the renderer; writes via `account.changePassphrase`.
import { Alert, Button, Group, PasswordInput, Stack, Text } from '@mantine/core';
import { IconAlertTriangle, IconUserCircle } from '@tabler/icons-react';
import { useState, type FormEvent } from 'react';
import { ROLE_LABELS } from '../../../../shared/auth/roles';
import { useOnServer } from '../../api/use-on-server.hook';
import { useSessionUser } from '../auth/auth.context';
import { useMutation } from '../reference/reference-ui.component';
import { Facts, SectionCard } from '../../ui/detail-blocks.component';
import { checkNewPassphrase, EMPTY_PASSPHRASE_PAIR, PassphraseFields, type PassphrasePair } from '../../ui/passphrase-fields.component';

export function AccountSection() {
  const user = useSessionUser();
  const onServer = useOnServer();
  const change = useMutation('account.changePassphrase');
  const [current, setCurrent] = useState('');
  const [pair, setPair] = useState<PassphrasePair>(EMPTY_PASSPHRASE_PAIR);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [done, setDone] = useState(false);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const found: Record<string, string> = { ...checkNewPassphrase(pair) };
    if (current === '') found.current = 'vul uw huidige wachtwoordzin in';
    setErrors(found);
    setDone(false);
    if (Object.keys(found).length > 0) return;
    if (await change.run({ current, next: pair.passphrase })) {
      setDone(true);
      setCurrent('');
      setPair(EMPTY_PASSPHRASE_PAIR);
    }
  };

  return (
    <SectionCard title="Mijn account" icon={<IconUserCircle size={20} />} testId="settings-account">
      <Stack gap="md">
        <Facts
          items={[
            ['Naam', user.displayName],
            ['Inlognaam', user.name],
            ['Rol', ROLE_LABELS[user.role]],
          ]}
        />
        <form onSubmit={(e) => void submit(e)} noValidate aria-label="Wachtwoordzin wijzigen">
          <Stack gap="sm" maw={640}>
            <Text fw={600} size="sm">
              Wachtwoordzin wijzigen
            </Text>
            <PasswordInput
              label="Huidige wachtwoordzin"
              withAsterisk
              autoComplete="current-password"
              value={current}
              onChange={(e) => setCurrent(e.currentTarget.value)}
              error={errors.current ?? change.fieldError('current')}
              visibilityToggleButtonProps={{ 'aria-label': 'Huidige wachtwoordzin tonen of verbergen' }}
              data-testid="account-current"
            />
            <PassphraseFields
              onServer={onServer}
              value={pair}
              onChange={setPair}
              errors={{ passphrase: errors.passphrase ?? change.fieldError('next'), repeat: errors.repeat }}
              label="Nieuwe wachtwoordzin"
              testId="account-next"
            />
            {change.error && (
              <Alert color="red" variant="light" role="alert" icon={<IconAlertTriangle size={18} />} data-testid="form-error">
                {change.error.message}
              </Alert>
            )}
            {done && (
              <Text size="sm" c="teal.8" role="status" data-testid="account-done">
                Uw wachtwoordzin is gewijzigd. Gebruik voortaan de nieuwe.
              </Text>
            )}
            <Group>
              <Button type="submit" loading={change.busy} data-testid="account-save">
                Wachtwoordzin wijzigen
              </Button>
            </Group>
          </Stack>
        </form>
      </Stack>
    </SectionCard>
  );
}
