import semver from 'semver';

/** What the gate needs to know of a release. */
export interface HostProfile {
  version: string;
  /** `MOUNT_CONTRACT_VERSION` the shell implements. */
  contractVersion: string | null;
  /** Shared singletons the shell provides: package -> exact version. */
  provides: Record<string, string>;
}

export interface GuestProfile {
  app: string;
  version: string;
  /** `MOUNT_CONTRACT_VERSION` the app was built against; null for releases registered without metadata. */
  contractVersion: string | null;
  /** Shared singletons the app needs: package -> semver range. */
  shared: Record<string, string>;
}

/**
 * Why `guest` cannot run in `host`, one sentence per problem, each saying what to change.
 * Empty when compatible. Pure: the registry calls it on registration and on every activation.
 */
export function incompatibilities(guest: GuestProfile, host: HostProfile): string[] {
  const who = `${guest.app} ${guest.version}`;
  if (guest.contractVersion === null) {
    return [`${who} was registered without build metadata: release it again with the release CLI`];
  }
  const problems: string[] = [];
  const appMajor = semver.major(guest.contractVersion);
  const hostMajor = host.contractVersion === null ? null : semver.major(host.contractVersion);
  if (appMajor !== hostMajor) {
    problems.push(
      `${who} targets mount contract ${guest.contractVersion} but the shell ${host.version} implements ` +
        `${host.contractVersion ?? 'no version'}: build against mount contract ${hostMajor ?? '?'}.x, ` +
        `or release a shell that implements ${appMajor}.x`,
    );
  }
  for (const [pkg, range] of Object.entries(guest.shared).sort(([a], [b]) => a.localeCompare(b))) {
    const provided = host.provides[pkg];
    if (provided === undefined) {
      problems.push(
        `${who} needs ${pkg} ${range} but the shell ${host.version} does not provide it: ` +
          `remove ${pkg} from the app's shared singletons, or release a shell that provides ${pkg} ${range}`,
      );
    } else if (!semver.satisfies(provided, range, { includePrerelease: true })) {
      problems.push(
        `${who} needs ${pkg} ${range} but the shell provides ${provided}: ` +
          `build against ${pkg} ^${provided}, or release a shell that provides ${pkg} ${range}`,
      );
    }
  }
  return problems;
}

/** Field -> message for ranges that are not semver ranges. */
export function invalidRanges(shared: Record<string, string>): Record<string, string[]> {
  const fields: Record<string, string[]> = {};
  for (const [pkg, range] of Object.entries(shared)) {
    if (semver.validRange(range) === null) fields[`shared.${pkg}`] = [`"${range}" is not a semver range`];
  }
  return fields;
}
