// Inloggen: login name and passphrase. A refusal shows the backend's message as it is (the same for an
// unknown name and a wrong passphrase; a lockout says until when). Runs in the renderer, before login.
import { Alert, Button, PasswordInput, Stack, Text, TextInput } from '@mantine/core';
import { IconAlertTriangle, IconLock, IconLogin } from '@tabler/icons-react';
import { useState, type FormEvent } from 'react';
import { ApiCallError } from '../../api/api.client';
import { useApi } from '../../api/api.context';
import { useAuth } from './auth.context';
import { AuthFrame } from './auth-frame.component';

export function LoginPage() {
  const api = useApi();
  const { setStatus } = useAuth();
  const [name, setName] = useState('');
  const [passphrase, setPassphrase] = useState('');
  const [error, setError] = useState<ApiCallError | null>(null);
  const [missing, setMissing] = useState<{ name?: string; passphrase?: string }>({});
  const [busy, setBusy] = useState(false);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const empty = {
      ...(name.trim() === '' ? { name: 'vul uw inlognaam in' } : {}),
      ...(passphrase === '' ? { passphrase: 'vul uw wachtwoordzin in' } : {}),
    };
    setMissing(empty);
    if (Object.keys(empty).length > 0) return;
    setBusy(true);
    setError(null);
    try {
      const status = await api.call('auth.login', { name: name.trim(), passphrase });
      setStatus(status);
    } catch (err) {
      setError(err instanceof ApiCallError ? err : new ApiCallError('INTERNAL', err instanceof Error ? err.message : String(err)));
      setPassphrase('');
    } finally {
      setBusy(false);
    }
  };

  const locked = error?.message.includes('geblokkeerd') ?? false;

  return (
    <AuthFrame title="Inloggen" lead="Log in met uw inlognaam en wachtwoordzin." testId="login-page">
      <form onSubmit={submit} noValidate>
        <Stack gap="sm">
          {error && (
            <Alert
              color="red"
              variant="light"
              role="alert"
              title={locked ? 'Tijdelijk geblokkeerd' : 'Niet ingelogd'}
              icon={locked ? <IconLock size={20} /> : <IconAlertTriangle size={20} />}
              data-testid="login-error"
            >
              {error.message}
            </Alert>
          )}
          <TextInput
            label="Inlognaam"
            autoComplete="username"
            autoCapitalize="none"
            spellCheck={false}
            value={name}
            onChange={(e) => setName(e.currentTarget.value)}
            error={missing.name}
            maxLength={100}
            data-autofocus
            autoFocus
            data-testid="login-name"
          />
          <PasswordInput
            label="Wachtwoordzin"
            autoComplete="current-password"
            value={passphrase}
            onChange={(e) => setPassphrase(e.currentTarget.value)}
            error={missing.passphrase}
            visibilityToggleButtonProps={{ 'aria-label': 'Wachtwoordzin tonen of verbergen' }}
            data-testid="login-passphrase"
          />
          <Button type="submit" loading={busy} leftSection={<IconLogin size={16} />} data-testid="login-submit">
            Inloggen
          </Button>
          <Text size="xs" c="dimmed">
            Wachtwoordzin vergeten? Vraag de voorzitter om een nieuwe. Na vijf mislukte pogingen wordt uw naam een kwartier
            geblokkeerd.
          </Text>
        </Stack>
      </form>
    </AuthFrame>
  );
}
