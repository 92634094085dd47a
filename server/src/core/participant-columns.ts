import type { Participants } from '@shared/schemas/activity';

/** The six entered-count columns that activities and sub-events both carry. */
export type ParticipantColumns = {
  participantsWomen: number | null;
  participantsMen: number | null;
  participantsGovernment: number | null;
  participantsDiaspora: number | null;
  participantsCivilSociety: number | null;
  participantsInternational: number | null;
};

/** The counts entered on an activity or sub-event row. */
export function enteredParticipants(row: ParticipantColumns): Participants {
  return {
    women: row.participantsWomen,
    men: row.participantsMen,
    government: row.participantsGovernment,
    diaspora: row.participantsDiaspora,
    civilSociety: row.participantsCivilSociety,
    international: row.participantsInternational,
  };
}

/** Entered counts → the row's columns. */
export function participantColumns(p: Participants): ParticipantColumns {
  return {
    participantsWomen: p.women,
    participantsMen: p.men,
    participantsGovernment: p.government,
    participantsDiaspora: p.diaspora,
    participantsCivilSociety: p.civilSociety,
    participantsInternational: p.international,
  };
}
