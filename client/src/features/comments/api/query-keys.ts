export const commentsKeys = {
  all: ['comments'] as const,
  list: (activityId: number) => [...commentsKeys.all, activityId] as const,
};
