/** Every address of the app in one place. */
export const paths = {
  home: '/',
  login: '/login',
  projects: '/projects',
  newProject: '/projects/new',
  project: (id: number) => `/projects/${id}`,
  editProject: (id: number) => `/projects/${id}/edit`,
  results: (id: number) => `/projects/${id}/results`,
  timeline: (id: number) => `/projects/${id}/timeline`,
  budget: (id: number) => `/projects/${id}/budget`,
  /** Entering and reviewing indicator values of one reporting period (start..end), if given. */
  dataEntry: (id: number, period?: string) => `/projects/${id}/data-entry${period ? `?period=${encodeURIComponent(period)}` : ''}`,
  monitoring: (id: number) => `/projects/${id}/monitoring`,
  indicator: (id: number) => `/indicators/${id}`,
  activity: (id: number) => `/activities/${id}`,
  /** The diaspora registry (admins and managers); partners and donors see the summary only. */
  registry: (id: number) => `/projects/${id}/registry`,
  registrySummary: (id: number) => `/projects/${id}/registry/summary`,
  registryImport: (id: number) => `/projects/${id}/registry/import`,
  /** Ids only in registry addresses: never a name or an e-mail. */
  newPerson: (projectId: number) => `/projects/${projectId}/registry/people/new`,
  person: (projectId: number, personId: number) => `/projects/${projectId}/registry/people/${personId}`,
  organisation: (projectId: number, organisationId: number) => `/projects/${projectId}/registry/organisations/${organisationId}`,
  /** Period reports of a project; one report; it against the report before it. */
  reports: (id: number) => `/projects/${id}/reports`,
  report: (id: number) => `/reports/${id}`,
  reportCompare: (id: number) => `/reports/${id}/compare`,
  /** The donor's landing page: their projects, latest reports, progress and budget use. */
  dashboard: '/dashboard',
  iatiImport: '/iati/import',
  users: '/admin/users',
  /** The signed-in user's two-factor sign-in and sessions. */
  security: '/security',
  /** Setting a new password with a one-time link; the token travels in the fragment (#token=…). */
  resetPassword: '/reset-password',
} as const;

/** Where the login page sends the user afterwards; kept in router state, never in storage. */
export type LoginState = { from?: string };
