// "Geen toegang": shown instead of a screen the logged-in person's role may not use (opened by a direct
// address or an old bookmark), with the way to their own start page. Also the start-page redirect. Runs in the renderer.
import { Anchor, Text } from '@mantine/core';
import { Link, Navigate } from 'react-router';
import { ROLE_LABELS } from '../../../../shared/auth/roles';
import { AccessDenied } from '../../ui/access-denied.component';
import { useSessionUser } from './auth.context';
import { START_LABELS, START_PATHS } from './screen-access';

export function NoAccess() {
  const user = useSessionUser();
  return (
    <AccessDenied>
      <Text size="sm">
        Dit scherm hoort niet bij uw rol ({ROLE_LABELS[user.role]}). Heeft u het wel nodig, vraag het dan aan de voorzitter.
      </Text>
      <Anchor component={Link} to={START_PATHS[user.role]} size="sm" data-testid="no-access-home">
        {START_LABELS[user.role]}
      </Anchor>
    </AccessDenied>
  );
}

/** The index route: each role's start page. */
export function StartRedirect() {
  const user = useSessionUser();
  return <Navigate to={START_PATHS[user.role]} replace />;
}
