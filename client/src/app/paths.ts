/** Every address of the app in one place. */
export const paths = {
  home: '/',
  login: '/login',
  projects: '/projects',
  newProject: '/projects/new',
  project: (id: number) => `/projects/${id}`,
  editProject: (id: number) => `/projects/${id}/edit`,
  results: (id: number) => `/projects/${id}/results`,
  activity: (id: number) => `/activities/${id}`,
  users: '/admin/users',
} as const;

/** Where the login page sends the user afterwards; kept in router state, never in storage. */
export type LoginState = { from?: string };
