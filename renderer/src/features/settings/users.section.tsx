// Gebruikers (chair, in Instellingen): role, care provider or corporation, active, lockout, last login;
// add, edit, set a new passphrase, lift a lockout. Runs in the renderer; data from `users.list` and
// `reference.get`, writes via users.create / update / resetPassphrase / unlock.
import { Badge, Button, Group, Select, Stack, Switch, Table, Text, TextInput, VisuallyHidden } from '@mantine/core';
import { IconKey, IconLockOpen, IconPencil, IconPlus, IconUsersGroup } from '@tabler/icons-react';
import { useState } from 'react';
import type { UserRow } from '../../../../shared/api/auth.contract';
import { ROLE_LABELS, ROLES, type Role, USER_NAME_RULE, userNameProblem } from '../../../../shared/auth/roles';
import { formatMoment } from '../../../../shared/domain/moments';
import { useOnServer } from '../../api/use-on-server.hook';
import { useQuery } from '../../api/use-query.hook';
import { useAuth, useSessionUser } from '../auth/auth.context';
import { EditModal, useMutation } from '../reference/reference-ui.component';
import { None, SectionCard } from '../../ui/detail-blocks.component';
import { checkNewPassphrase, EMPTY_PASSPHRASE_PAIR, PassphraseFields, type PassphrasePair } from '../../ui/passphrase-fields.component';
import { ErrorAlert, PageSkeleton } from '../../ui/query-state.component';

interface Draft {
  mode: 'create' | 'update';
  name: string;
  displayName: string;
  /** The display name when the dialog opened: its title names the person, not the login name. */
  shownName: string;
  role: Role;
  careProviderId: string | null;
  corporationId: string | null;
  active: boolean;
  pair: PassphrasePair;
  expectedVersion: number;
}

const NEW_USER: Draft = {
  mode: 'create',
  name: '',
  displayName: '',
  shownName: '',
  role: 'provider',
  careProviderId: null,
  corporationId: null,
  active: true,
  pair: EMPTY_PASSPHRASE_PAIR,
  expectedVersion: 1,
};

const ROLE_HELP: Record<Role, string> = {
  chair: 'Alles: register, rondes, beoordelingen, instellingen en gebruikers.',
  provider: 'Alleen de kandidaten van de eigen zorgaanbieder: aanmelden, bijwerken, voorwaarden bevestigen.',
  liaison: 'Alleen de beoordeling voor de eigen corporatie: wat het beoordelingsbestand toont.',
  readonly: 'Alleen de cijfers van de monitor, nooit een persoon.',
};

/** A lockout still running now, or null. */
function activeLock(row: UserRow, now = Date.now()): string | null {
  return row.lockedUntil && Date.parse(row.lockedUntil) > now ? row.lockedUntil : null;
}

export function UsersSection() {
  const me = useSessionUser();
  const onServer = useOnServer();
  const auth = useAuth();
  const users = useQuery('users.list', {});
  const reference = useQuery('reference.get', {});
  const create = useMutation('users.create');
  const update = useMutation('users.update');
  const reset = useMutation('users.resetPassphrase');
  const unlock = useMutation('users.unlock');
  const [draft, setDraft] = useState<Draft | null>(null);
  const [localErrors, setLocalErrors] = useState<Record<string, string>>({});
  const [resetFor, setResetFor] = useState<UserRow | null>(null);
  const [resetPair, setResetPair] = useState<PassphrasePair>(EMPTY_PASSPHRASE_PAIR);
  const [resetErrors, setResetErrors] = useState<Record<string, string>>({});
  const [done, setDone] = useState<string | null>(null);

  const providers = (reference.data?.careProviders ?? []).map((p) => ({ value: p.id, label: p.name }));
  const corporations = (reference.data?.corporations ?? []).map((c) => ({ value: c.id, label: c.name }));
  const orgName = (id: string | null) =>
    id ? ([...(reference.data?.careProviders ?? []), ...(reference.data?.corporations ?? [])].find((o) => o.id === id)?.name ?? id) : null;

  const save = draft?.mode === 'update' ? update : create;
  const fieldError = (path: string) => localErrors[path] ?? save.fieldError(path);
  const set = <K extends keyof Draft>(key: K, value: Draft[K]) => setDraft((d) => (d ? { ...d, [key]: value } : d));

  const openCreate = () => {
    create.reset();
    setLocalErrors({});
    setDone(null);
    setDraft(NEW_USER);
  };
  const openEdit = (row: UserRow) => {
    update.reset();
    setLocalErrors({});
    setDone(null);
    setDraft({
      mode: 'update',
      name: row.name,
      displayName: row.displayName,
      shownName: row.displayName,
      role: row.role,
      careProviderId: row.careProviderId,
      corporationId: row.corporationId,
      active: row.active,
      pair: EMPTY_PASSPHRASE_PAIR,
      expectedVersion: row.version,
    });
  };
  const reloadLatest = () => {
    update.reset();
    setDraft(null);
    users.refetch();
  };

  const submit = async () => {
    if (!draft) return;
    const found: Record<string, string> = {};
    if (draft.displayName.trim() === '') found.displayName = 'vul een naam in';
    if (draft.mode === 'create') {
      const loginProblem = userNameProblem(draft.name);
      if (loginProblem) found.name = loginProblem;
      Object.assign(found, checkNewPassphrase(draft.pair));
    }
    if (draft.role === 'provider' && !draft.careProviderId) found.careProviderId = 'kies de zorgaanbieder van deze medewerker';
    if (draft.role === 'liaison' && !draft.corporationId) found.corporationId = 'kies de corporatie van deze contactpersoon';
    setLocalErrors(found);
    if (Object.keys(found).length > 0) return;
    const binding = {
      role: draft.role,
      careProviderId: draft.role === 'provider' ? draft.careProviderId : null,
      corporationId: draft.role === 'liaison' ? draft.corporationId : null,
    };
    const saved =
      draft.mode === 'create'
        ? await create.run({ name: draft.name.trim(), displayName: draft.displayName.trim(), ...binding, passphrase: draft.pair.passphrase })
        : await update.run({ name: draft.name, displayName: draft.displayName.trim(), ...binding, active: draft.active, expectedVersion: draft.expectedVersion });
    if (saved) {
      setDone(draft.mode === 'create' ? `Gebruiker ${saved.displayName} is toegevoegd.` : `Gebruiker ${saved.displayName} is gewijzigd.`);
      setDraft(null);
      users.refetch();
      // Your own new name (or anything else about you) shows in the header at once.
      if (saved.name === me.name) auth.refresh();
    }
  };

  const openReset = (row: UserRow) => {
    reset.reset();
    setResetErrors({});
    setResetPair(EMPTY_PASSPHRASE_PAIR);
    setDone(null);
    setResetFor(row);
  };
  const submitReset = async () => {
    if (!resetFor) return;
    const found = checkNewPassphrase(resetPair);
    setResetErrors(found);
    if (Object.keys(found).length > 0) return;
    if (await reset.run({ name: resetFor.name, passphrase: resetPair.passphrase })) {
      setDone(`${resetFor.displayName} heeft een nieuwe wachtwoordzin. Geef die persoonlijk door, niet per e-mail.`);
      setResetFor(null);
      users.refetch();
    }
  };

  const doUnlock = async (row: UserRow) => {
    setDone(null);
    if (await unlock.run({ name: row.name })) {
      setDone(`${row.displayName} kan weer inloggen.`);
      users.refetch();
    }
  };

  const editingSelf = draft?.mode === 'update' && draft.name === me.name;

  return (
    <SectionCard title="Gebruikers" icon={<IconUsersGroup size={20} />} testId="settings-users">
      <Stack gap="sm">
        <Group justify="space-between" align="flex-start">
          <Text size="sm" c="dimmed" maw={640}>
            Wie met de app werkt, met welke rol. Een medewerker van een zorgaanbieder ziet alleen de eigen kandidaten, een
            contactpersoon alleen de beoordeling voor de eigen corporatie.
          </Text>
          <Button size="xs" leftSection={<IconPlus size={14} />} onClick={openCreate} data-testid="user-add">
            Gebruiker toevoegen
          </Button>
        </Group>
        {done && (
          <Text size="sm" c="teal.8" role="status" data-testid="users-done">
            {done}
          </Text>
        )}
        {unlock.error && <ErrorAlert error={unlock.error} />}
        {users.error && <ErrorAlert error={users.error} onRetry={users.refetch} />}
        {!users.data && !users.error && <PageSkeleton lines={3} />}
        {users.data && (
          <Table.ScrollContainer minWidth={860} type="native">
            <Table striped fz="sm" verticalSpacing={6} data-testid="users-table">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>Naam</Table.Th>
                  <Table.Th>Inlognaam</Table.Th>
                  <Table.Th>Rol</Table.Th>
                  <Table.Th>Hoort bij</Table.Th>
                  <Table.Th>Status</Table.Th>
                  <Table.Th>Laatst ingelogd</Table.Th>
                  <Table.Th>
                    <VisuallyHidden>Acties</VisuallyHidden>
                  </Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {users.data.map((u) => {
                  const lock = activeLock(u);
                  return (
                    <Table.Tr key={u.name} data-testid={`user-row-${u.name}`}>
                      <Table.Td fw={600}>
                        {u.displayName}
                        {u.name === me.name && (
                          <Text span size="xs" c="dimmed">
                            {' '}
                            (u)
                          </Text>
                        )}
                      </Table.Td>
                      <Table.Td>{u.name}</Table.Td>
                      <Table.Td>{ROLE_LABELS[u.role]}</Table.Td>
                      <Table.Td>{orgName(u.careProviderId ?? u.corporationId) ?? <None>—</None>}</Table.Td>
                      <Table.Td>
                        <Group gap={4}>
                          {u.active ? (
                            <Badge color="teal" variant="light">
                              Actief
                            </Badge>
                          ) : (
                            <Badge color="gray" variant="light">
                              Inactief
                            </Badge>
                          )}
                          {lock && (
                            <Badge color="red" variant="light" data-testid={`user-locked-${u.name}`}>
                              Geblokkeerd tot {formatMoment(lock)}
                            </Badge>
                          )}
                        </Group>
                      </Table.Td>
                      <Table.Td style={{ whiteSpace: 'nowrap' }}>{u.lastLoginAt ? formatMoment(u.lastLoginAt) : <None>Nog nooit</None>}</Table.Td>
                      <Table.Td>
                        <Group gap={4} justify="flex-end" wrap="nowrap">
                          {lock && (
                            <Button
                              size="compact-xs"
                              variant="light"
                              color="red"
                              leftSection={<IconLockOpen size={12} />}
                              loading={unlock.busy}
                              onClick={() => void doUnlock(u)}
                              data-testid={`user-unlock-${u.name}`}
                            >
                              Deblokkeren
                            </Button>
                          )}
                          <Button
                            size="compact-xs"
                            variant="default"
                            leftSection={<IconKey size={12} />}
                            onClick={() => openReset(u)}
                            aria-label={`Nieuwe wachtwoordzin voor ${u.displayName}`}
                            data-testid={`user-reset-${u.name}`}
                          >
                            Wachtwoordzin
                          </Button>
                          <Button
                            size="compact-xs"
                            variant="default"
                            leftSection={<IconPencil size={12} />}
                            onClick={() => openEdit(u)}
                            aria-label={`${u.displayName} bewerken`}
                            data-testid={`user-edit-${u.name}`}
                          >
                            Bewerken
                          </Button>
                        </Group>
                      </Table.Td>
                    </Table.Tr>
                  );
                })}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
      </Stack>

      <EditModal
        opened={draft !== null}
        title={draft?.mode === 'update' ? `Gebruiker ${draft.shownName} wijzigen` : 'Gebruiker toevoegen'}
        onClose={() => setDraft(null)}
        onSave={() => void submit()}
        busy={save.busy}
        error={save.error}
        fields={['name', 'displayName', 'role', 'careProviderId', 'corporationId', 'active', 'passphrase']}
        testId="user-modal"
        onReload={reloadLatest}
      >
        {draft && (
          <>
            <TextInput
              label="Naam"
              description="Zoals collega's deze persoon kennen"
              withAsterisk
              value={draft.displayName}
              onChange={(e) => set('displayName', e.currentTarget.value)}
              error={fieldError('displayName')}
              maxLength={200}
              data-autofocus
              data-testid="user-displayName"
            />
            <TextInput
              label="Inlognaam"
              description={draft.mode === 'create' ? USER_NAME_RULE : 'De inlognaam staat in elk verslag en kan niet worden gewijzigd.'}
              withAsterisk
              autoCapitalize="none"
              spellCheck={false}
              value={draft.name}
              disabled={draft.mode === 'update'}
              onChange={(e) => set('name', e.currentTarget.value)}
              error={fieldError('name')}
              maxLength={40}
              data-testid="user-name"
            />
            <Select
              label="Rol"
              withAsterisk
              data={ROLES.map((r) => ({ value: r, label: ROLE_LABELS[r] }))}
              value={draft.role}
              onChange={(v) => v && set('role', v as Role)}
              allowDeselect={false}
              disabled={editingSelf}
              description={editingSelf ? 'U kunt uw eigen rol niet wijzigen.' : ROLE_HELP[draft.role]}
              error={fieldError('role')}
              data-testid="user-role"
            />
            {draft.role === 'provider' && (
              <Select
                label="Zorgaanbieder"
                withAsterisk
                data={providers}
                value={draft.careProviderId}
                onChange={(v) => set('careProviderId', v)}
                searchable
                error={fieldError('careProviderId')}
                data-testid="user-careProviderId"
              />
            )}
            {draft.role === 'liaison' && (
              <Select
                label="Corporatie"
                withAsterisk
                data={corporations}
                value={draft.corporationId}
                onChange={(v) => set('corporationId', v)}
                searchable
                error={fieldError('corporationId')}
                data-testid="user-corporationId"
              />
            )}
            {draft.mode === 'update' && (
              <Switch
                label="Actief (mag inloggen)"
                description={editingSelf ? 'U kunt uzelf niet op inactief zetten.' : 'Een inactieve gebruiker kan niet meer inloggen; het verslag van wat hij deed blijft.'}
                checked={draft.active}
                disabled={editingSelf}
                onChange={(e) => set('active', e.currentTarget.checked)}
                data-testid="user-active"
              />
            )}
            {draft.mode === 'create' && (
              <PassphraseFields
          onServer={onServer}
                value={draft.pair}
                onChange={(pair) => set('pair', pair)}
                errors={{ passphrase: fieldError('passphrase'), repeat: fieldError('repeat') }}
                label="Eerste wachtwoordzin"
                testId="user-passphrase"
              />
            )}
          </>
        )}
      </EditModal>

      <EditModal
        opened={resetFor !== null}
        title={resetFor ? `Nieuwe wachtwoordzin voor ${resetFor.displayName}` : ''}
        onClose={() => setResetFor(null)}
        onSave={() => void submitReset()}
        busy={reset.busy}
        error={reset.error}
        fields={['passphrase']}
        testId="user-reset-modal"
      >
        <Text size="sm">
          Voor wie zijn wachtwoordzin kwijt is. De oude werkt daarna niet meer, en een blokkade wordt opgeheven.
        </Text>
        <PassphraseFields
          onServer={onServer}
          value={resetPair}
          onChange={setResetPair}
          errors={{ passphrase: resetErrors.passphrase ?? reset.fieldError('passphrase'), repeat: resetErrors.repeat }}
          label="Nieuwe wachtwoordzin"
          testId="user-reset-passphrase"
        />
      </EditModal>
    </SectionCard>
  );
}
