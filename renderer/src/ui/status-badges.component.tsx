// Small coloured badges for statuses, urgency and readiness, with Dutch labels from the shared codes.
// Runs in the renderer.
import { Badge, Text, Tooltip, type MantineColor } from '@mantine/core';
import {
  CLIENT_STATUS_LABELS,
  UNIT_STATUS_LABELS,
  URGENCY_LABELS,
  type ClientStatus,
  type UnitStatus,
  type Urgency,
} from '../../../shared/domain/codes';

const CLIENT_STATUS_COLORS: Record<ClientStatus, MantineColor> = {
  active: 'blue',
  'set-aside': 'yellow',
  placed: 'green',
  archived: 'gray',
};

const UNIT_STATUS_COLORS: Record<UnitStatus, MantineColor> = {
  available: 'green',
  reserved: 'yellow',
  let: 'blue',
  withdrawn: 'gray',
};

export function ClientStatusBadge({ status }: { status: ClientStatus }) {
  return (
    <Badge color={CLIENT_STATUS_COLORS[status]} variant="light">
      {CLIENT_STATUS_LABELS[status]}
    </Badge>
  );
}

export function UnitStatusBadge({ status }: { status: UnitStatus }) {
  return (
    <Badge color={UNIT_STATUS_COLORS[status]} variant="light">
      {UNIT_STATUS_LABELS[status]}
    </Badge>
  );
}

/** Urgency is about waiting for a home: it is not shown for a client who is placed or archived. */
export function urgencyApplies(status: string): boolean {
  return status !== 'placed' && status !== 'archived';
}

export function UrgencyBadge({ urgency }: { urgency: Urgency }) {
  if (urgency === 'none') {
    return (
      <Text span fz="inherit" c="dimmed">
        {URGENCY_LABELS.none}
      </Text>
    );
  }
  return (
    <Badge color={urgency === 'crisis' ? 'red' : 'orange'} variant="light">
      {URGENCY_LABELS[urgency]}
    </Badge>
  );
}

/** "6/8": green when every condition is met; Housing First is marked because the gate does not apply. */
export function ReadinessBadge({ done, total, housingFirst }: { done: number; total: number; housingFirst: boolean }) {
  const complete = total > 0 && done >= total;
  const badge = (
    <Badge color={complete ? 'green' : housingFirst ? 'gray' : 'orange'} variant={complete ? 'filled' : 'light'}>
      {done}/{total}
      {housingFirst ? ' · HF' : ''}
    </Badge>
  );
  if (!housingFirst) return badge;
  return (
    <Tooltip label="Housing First: de voorwaarden gelden niet als toegangseis" withArrow>
      {badge}
    </Tooltip>
  );
}
