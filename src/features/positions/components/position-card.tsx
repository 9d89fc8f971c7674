import { Link } from '@tanstack/react-router';
import { buttonClass } from '../../../components/plain-classes';
import { positionLink } from '../position-links';
import { describeAudience, type OwnerId, type Position } from '../types';
import { describeLastEdit, formatPositionDates } from '../utils/format-dates';
import { presentText } from '../../../graph/graph-answer';
import { safeWebUrl } from '../utils/safe-url';
import { PositionPeople } from './position-people';

/** One position in the list (plain elements: src/styles/first-page.css). Every value is rendered as text; only an http(s) web address becomes a link. */
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
    <li className="pe-card" aria-label={name}>
      <div className="pe-card__body">
        <h2 className="pe-card__title pe-subtitle2">
          <span className="pe-card__text" dir="auto">
            {title}
          </span>
          {position.isCurrent && <span className="pe-badge">Current</span>}
        </h2>
        {companyLine.length > 0 && (
          <span className="pe-card__text" dir="auto">
            {companyLine.filter(Boolean).join(' · ')}
          </span>
        )}
        <span>{formatPositionDates(position)}</span>
        {company.webUrl &&
          (webUrl ? (
            <a
              href={webUrl}
              target="_blank"
              rel="noopener noreferrer"
              className="pe-link pe-card__text"
            >
              {company.webUrl}
            </a>
          ) : (
            <span className="pe-card__text" dir="auto">
              {company.webUrl}
            </span>
          ))}
        {hasPeople && <PositionPeople owner={owner} position={position} />}
        <span className="pe-caption1 pe-muted">
          Visible to: {describeAudience(position.allowedAudiences)}
        </span>
        {lastEdit && <span className="pe-caption1 pe-muted">{lastEdit}</span>}
      </div>
      {canEdit && (
        <div className="pe-card__actions">
          <Link
            {...positionLink(owner, position.id)}
            className={buttonClass()}
            aria-label={`Edit ${name}`}
          >
            Edit
          </Link>
          <button
            type="button"
            className={buttonClass('subtle')}
            onClick={() => onDelete(position)}
            aria-label={`Delete ${name}`}
          >
            Delete
          </button>
        </div>
      )}
    </li>
  );
}
