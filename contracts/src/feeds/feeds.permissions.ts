/** The external feeds are an external system: no API of their own, no permission codes. */
export const feedsPermissions = {} as const;
