import {
  Badge,
  Button,
  Caption1,
  Link,
  Subtitle2,
  Text,
  makeStyles,
  tokens,
} from '@fluentui/react-components';
import { LinkButton } from '../../../components/link-button';
import { positionLink } from '../position-links';
import { describeAudience, type OwnerId, type Position } from '../types';
import { describeLastEdit, formatPositionDates } from '../utils/format-dates';
import { presentText } from '../../../graph/graph-answer';
import { safeWebUrl } from '../utils/safe-url';
import { PositionPeople } from './position-people';

const useStyles = makeStyles({
  card: {
    listStyleType: 'none',
    padding: '16px',
    borderRadius: tokens.borderRadiusLarge,
    backgroundColor: tokens.colorNeutralBackground1,
    boxShadow: tokens.shadow4,
    display: 'grid',
    gridTemplateColumns: '1fr auto',
    gap: '4px 16px',
    alignItems: 'start',
    '@media (max-width: 480px)': { gridTemplateColumns: '1fr' },
  },
  body: { display: 'grid', gap: '2px', minWidth: 0 },
  title: {
    display: 'flex',
    gap: '8px',
    alignItems: 'center',
    flexWrap: 'wrap',
    margin: 0,
    overflowWrap: 'anywhere',
  },
  text: { overflowWrap: 'anywhere', unicodeBidi: 'plaintext' },
  muted: { color: tokens.colorNeutralForeground3 },
  actions: { display: 'flex', gap: '8px' },
});

/** One position in the list. Every value is rendered as text; only an http(s) web address becomes a link. */
export function PositionCard({
  owner,
  position,
  onDelete,
  canEdit,
}: {
  owner: OwnerId;
  position: Position;
  onDelete: (position: Position) => void;
  canEdit: boolean;
}) {
  const styles = useStyles();
  const detail = position.detail ?? {};
  const company = detail.company ?? {};
  const title = presentText(detail.jobTitle) ?? 'Untitled position';
  // Real tenants send "" for a company nobody named: it reads as missing, never as a blank.
  const companyName = presentText(company.displayName?.trim());
  const department = presentText(company.department?.trim());
  const companyLine =
    companyName || department ? [companyName ?? 'No company name', department] : [];
  const webUrl = safeWebUrl(company.webUrl);
  const lastEdit = describeLastEdit(position);
  const name = `${title}${companyName ? ` at ${companyName}` : ''}`;
  const hasPeople = Boolean(position.manager) || (position.colleagues?.length ?? 0) > 0;
  return (
    <li className={styles.card} aria-label={name}>
      <div className={styles.body}>
        <Subtitle2 as="h2" className={styles.title}>
          <span className={styles.text} dir="auto">
            {title}
          </span>
          {position.isCurrent && (
            <Badge appearance="tint" color="brand">
              Current
            </Badge>
          )}
        </Subtitle2>
        {companyLine.length > 0 && (
          <Text className={styles.text} dir="auto">
            {companyLine.filter(Boolean).join(' · ')}
          </Text>
        )}
        <Text>{formatPositionDates(position)}</Text>
        {company.webUrl &&
          (webUrl ? (
            <Link href={webUrl} target="_blank" rel="noopener noreferrer" className={styles.text}>
              {company.webUrl}
            </Link>
          ) : (
            <Text className={styles.text} dir="auto">
              {company.webUrl}
            </Text>
          ))}
        {hasPeople && <PositionPeople owner={owner} position={position} />}
        <Caption1 className={styles.muted}>
          Visible to: {describeAudience(position.allowedAudiences)}
        </Caption1>
        {lastEdit && <Caption1 className={styles.muted}>{lastEdit}</Caption1>}
      </div>
      {canEdit && (
        <div className={styles.actions}>
          <LinkButton {...positionLink(owner, position.id)} aria-label={`Edit ${name}`}>
            Edit
          </LinkButton>
          <Button
            appearance="subtle"
            onClick={() => onDelete(position)}
            aria-label={`Delete ${name}`}
          >
            Delete
          </Button>
        </div>
      )}
    </li>
  );
}
