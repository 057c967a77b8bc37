// "← Alle kandidaten": back to a list page with the search and sort the user left it with (passed in
// the router state by the list). Runs in the renderer.
import { Anchor } from '@mantine/core';
import { Link, useLocation } from 'react-router';

export function BackLink({ to, label, testId }: { to: string; label: string; testId?: string }) {
  const { state } = useLocation();
  const from =
    typeof state === 'object' && state !== null && 'listSearch' in state && typeof state.listSearch === 'string'
      ? state.listSearch
      : '';
  return (
    <Anchor component={Link} to={`${to}${from}`} size="sm" data-testid={testId} w="fit-content">
      ← {label}
    </Anchor>
  );
}
