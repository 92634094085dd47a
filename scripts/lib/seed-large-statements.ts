/** The prepared inserts of seed:large, one per table it fills. */
import type { Db } from '../../server/src/db/client';

export function prepareStatements(sqlite: Db['$client']) {
  return {
    project: sqlite.prepare(
      `INSERT INTO projects (code, title, description, goal, status, type, region, coverage, start_year, end_year,
         planned_start, planned_end, budget_minor, currency, implementing_org, funder, illustrative)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1)`,
    ),
    country: sqlite.prepare('INSERT INTO project_countries (project_id, country, position) VALUES (?, ?, ?)'),
    member: sqlite.prepare('INSERT OR IGNORE INTO project_members (project_id, user_id) VALUES (?, ?)'),
    outcome: sqlite.prepare('INSERT INTO outcomes (project_id, title, description, position) VALUES (?, ?, ?, ?)'),
    output: sqlite.prepare('INSERT INTO outputs (project_id, outcome_id, title, description, position) VALUES (?, ?, ?, ?, ?)'),
    activity: sqlite.prepare(
      `INSERT INTO activities (project_id, outcome_id, output_id, kind, title, description, status, planned_start, planned_end,
         actual_start, actual_end, percent_complete, location, responsible, participants_women, participants_men,
         participants_government, participants_diaspora, participants_civil_society, participants_international,
         notes, position, illustrative)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1)`,
    ),
    audit: sqlite.prepare(
      `INSERT INTO audit_log (at, user_id, entity, entity_id, project_id, action, before, after, note)
       VALUES (?, ?, 'activity', ?, ?, ?, ?, ?, NULL)`,
    ),
    indicator: sqlite.prepare(
      `INSERT INTO indicators (project_id, outcome_id, output_id, title, definition, unit, measure, direction, aggregation,
         baseline_value, baseline_year, target_value, frequency, means_of_verification, data_source, responsible, position, illustrative)
       VALUES (?, ?, ?, ?, ?, ?, ?, 'higher_is_better', ?, ?, ?, ?, 'annual', ?, ?, ?, ?, 1)`,
    ),
    period: sqlite.prepare('INSERT INTO indicator_periods (project_id, indicator_id, start, "end", target) VALUES (?, ?, ?, ?, ?)'),
    value: sqlite.prepare(
      `INSERT INTO indicator_values (project_id, period_id, status, value, narrative, score, comment, complete, created_by,
         submitted_by, submitted_at, reviewed_by, reviewed_at, illustrative)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1)`,
    ),
    line: sqlite.prepare(
      `INSERT INTO budget_lines (project_id, activity_id, code, title, category, original_minor, revised_minor, currency, notes, illustrative)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 1)`,
    ),
    expenditure: sqlite.prepare(
      `INSERT INTO expenditures (project_id, budget_line_id, activity_id, type, date, amount_minor, currency, fx_rate,
         converted_minor, converted_currency, payee, reference, description, illustrative)
       VALUES (?, ?, ?, ?, ?, ?, ?, '1', ?, ?, ?, ?, ?, 1)`,
    ),
    milestone: sqlite.prepare(
      `INSERT INTO milestones (project_id, activity_id, kind, title, due_date, done_date, illustrative) VALUES (?, ?, ?, ?, ?, ?, 1)`,
    ),
    subEvent: sqlite.prepare(
      `INSERT INTO sub_events (project_id, activity_id, title, date, place, participants_women, participants_men, illustrative)
       VALUES (?, ?, ?, ?, ?, ?, ?, 1)`,
    ),
    dependency: sqlite.prepare('INSERT OR IGNORE INTO activity_dependencies (project_id, predecessor_id, successor_id) VALUES (?, ?, ?)'),
    person: sqlite.prepare(
      `INSERT INTO registry_people (project_id, name, name_key, sex, birth_year, country, city, years_abroad, occupation,
         sectors, skills, languages, email, email_key, phone, participant_group, notes, illustrative)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1)`,
    ),
    attendance: sqlite.prepare(
      'INSERT OR IGNORE INTO attendance (project_id, activity_id, sub_event_id, person_id, date, created_by) VALUES (?, ?, ?, ?, ?, ?)',
    ),
  };
}

export type Statements = ReturnType<typeof prepareStatements>;
