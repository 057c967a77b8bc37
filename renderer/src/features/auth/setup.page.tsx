// Eerste start: no database yet, or a plain one from an older version (then it explains the encryption).
// The first person becomes the chair: name, login name, passphrase twice, optionally the demo region.
// Runs in the renderer, before login.
import { Alert, Button, Checkbox, Code, Stack, Text, TextInput } from '@mantine/core';
import { IconInfoCircle, IconLock, IconRocket } from '@tabler/icons-react';
import { useState, type FormEvent } from 'react';
import { USER_NAME_RULE, userNameProblem } from '../../../../shared/auth/roles';
import { ApiCallError } from '../../api/api.client';
import { useApi } from '../../api/api.context';
import { FormProblems } from '../../ui/form-problems.component';
import { problemLine, toFieldErrors } from '../../ui/form-errors.util';
import { checkNewPassphrase, EMPTY_PASSPHRASE_PAIR, PassphraseFields, type PassphrasePair } from '../../ui/passphrase-fields.component';
import { useAuth } from './auth.context';
import { AuthFrame } from './auth-frame.component';

const LABELS: Record<string, string> = {
  displayName: 'Uw naam',
  name: 'Inlognaam',
  passphrase: 'Wachtwoordzin',
  repeat: 'Herhaal de wachtwoordzin',
};

export function SetupPage() {
  const api = useApi();
  const { status, mode, setStatus } = useAuth();
  const converting = status?.state === 'convert';
  const [displayName, setDisplayName] = useState('');
  const [name, setName] = useState('');
  const [pair, setPair] = useState<PassphrasePair>(EMPTY_PASSPHRASE_PAIR);
  const [demo, setDemo] = useState(mode === 'browser');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [failure, setFailure] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    // In the order of the form, so the summary reads top to bottom.
    const found: Record<string, string> = {};
    if (displayName.trim() === '') found.displayName = 'vul uw naam in';
    const loginProblem = userNameProblem(name);
    if (loginProblem) found.name = loginProblem;
    Object.assign(found, checkNewPassphrase(pair));
    setErrors(found);
    setFailure(null);
    if (Object.keys(found).length > 0) return;
    setBusy(true);
    try {
      const next = await api.call('auth.setup', {
        name: name.trim(),
        displayName: displayName.trim(),
        passphrase: pair.passphrase,
        ...(converting ? {} : { demo }),
      });
      setStatus(next);
    } catch (err) {
      if (err instanceof ApiCallError && err.problems.length > 0) setErrors(toFieldErrors(err.problems));
      setFailure(err instanceof Error ? err.message : String(err));
    } finally {
      setBusy(false);
    }
  };

  const summary = Object.entries(errors).map(([path, message]) => problemLine({ path, message }, LABELS));

  return (
    <AuthFrame
      title="Eerste start"
      lead="Maak de eerste gebruiker: u wordt voorzitter en kunt daarna collega's toevoegen in Instellingen."
      width={620}
      testId="setup-page"
    >
      <form onSubmit={submit} noValidate>
        <Stack gap="sm">
          {converting && (
            <Alert color="blue" variant="light" icon={<IconLock size={20} />} title="De bestaande database wordt versleuteld" data-testid="setup-convert">
              <Stack gap={4}>
                <Text size="sm">
                  Deze app vond een database van een eerdere versie, zonder versleuteling:
                </Text>
                <Code style={{ wordBreak: 'break-all' }}>{status?.databasePath}</Code>
                <Text size="sm">
                  Na deze stap is het bestand alleen nog met een wachtwoordzin te openen. Alle gegevens blijven behouden; het oude
                  bestand blijft staan tot de versleutelde kopie is gecontroleerd.
                </Text>
              </Stack>
            </Alert>
          )}
          {failure && summary.length === 0 && (
            <Alert color="red" variant="light" role="alert" title="Niet gelukt" data-testid="setup-error">
              {failure}
            </Alert>
          )}
          <FormProblems lines={summary} />
          <TextInput
            label="Uw naam"
            description="Zoals collega's u kennen, bijvoorbeeld Anna de Vries"
            withAsterisk
            autoComplete="name"
            value={displayName}
            onChange={(e) => setDisplayName(e.currentTarget.value)}
            error={errors.displayName}
            maxLength={200}
            autoFocus
            data-testid="setup-displayName"
          />
          <TextInput
            label="Inlognaam"
            description={USER_NAME_RULE}
            withAsterisk
            autoComplete="username"
            autoCapitalize="none"
            spellCheck={false}
            value={name}
            onChange={(e) => setName(e.currentTarget.value)}
            error={errors.name}
            maxLength={40}
            data-testid="setup-name"
          />
          <PassphraseFields value={pair} onChange={setPair} errors={errors} testId="setup-passphrase" />
          {!converting && (
            <Checkbox
              label="Begin met de fictieve demoregio Flevoland"
              description="Verzonnen kandidaten, woningen en organisaties om de app te leren kennen. Laat dit uit voor echte gegevens."
              checked={demo}
              onChange={(e) => setDemo(e.currentTarget.checked)}
              data-testid="setup-demo"
            />
          )}
          {!converting && (
            <Alert color="gray" variant="light" icon={<IconInfoCircle size={20} />}>
              <Text size="sm">
                De database wordt versleuteld met een sleutel die alleen met een wachtwoordzin te openen is. Het kan even duren.
              </Text>
            </Alert>
          )}
          <Button type="submit" loading={busy} leftSection={<IconRocket size={16} />} data-testid="setup-submit">
            {converting ? 'Versleutelen en beginnen' : 'Beginnen'}
          </Button>
        </Stack>
      </form>
    </AuthFrame>
  );
}
