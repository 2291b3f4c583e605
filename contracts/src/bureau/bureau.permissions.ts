/** The bureau is an external system: no API of its own, no permission codes. */
export const bureauPermissions = {} as const;
