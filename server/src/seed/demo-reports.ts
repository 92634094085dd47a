import { eq } from 'drizzle-orm';
import { first, type Db } from '../db/client';
import { projects, reports, users } from '../db/schema';
import { compileReportData } from '../features/reports/compile';
import { createServices } from '../services';

const MARK = "<p><em>Illustrative demo narrative: written for the demo, not taken from the project's reporting.</em></p>";

/**
 * One submitted interim report for CE.0219 with an illustrative narrative, its data
 * compiled and frozen the way submission does, so a donor has something to review.
 */
export async function seedReports(db: Db, managerEmail: string): Promise<void> {
  const project = await first(db.select().from(projects).where(eq(projects.code, 'CE.0219')));
  const manager = await first(db.select().from(users).where(eq(users.email, managerEmail)));
  if (!project || !manager) return;
  const user = { id: manager.id, email: manager.email, name: manager.name, role: manager.role, locale: manager.locale };
  const { reportSources } = createServices(db);
  const now = new Date();
  const period = { start: '2013-01-01', end: '2013-12-31' };
  const snapshot = await compileReportData(reportSources, user, project.id, period, now);
  await db.insert(reports).values({
    projectId: project.id,
    kind: 'interim',
    title: 'Interim report 2013 (illustrative)',
    periodStart: period.start,
    periodEnd: period.end,
    language: 'en',
    status: 'submitted',
    narrative: {
      achievements: `${MARK}<p>The national forum brought Government officials and members of the Tajik diaspora together, and the diaspora mapping was started.</p><ul><li>Forum held in Dushanbe</li><li>Mapping questionnaire agreed with the Government</li></ul>`,
      challenges: `${MARK}<p>Reaching diaspora members in several countries of destination took longer than planned.</p>`,
      lessonsLearned: `${MARK}<p>Working through diaspora associations reaches more people than direct outreach.</p>`,
      nextSteps: `${MARK}<ol><li>Complete the mapping report</li><li>Prepare the study tour</li><li>Draft the update of the Action Plan</li></ol>`,
      risks: `${MARK}<p>Turnover of Government focal points could slow the update of the Action Plan.</p>`,
    },
    snapshot,
    frozenAt: now.toISOString(),
    createdBy: manager.id,
    submittedBy: manager.id,
    submittedAt: now.toISOString(),
    illustrative: true,
  });
}
