// Plain JavaScript on purpose: this file must parse on the old Node versions it turns away.
// ccm runs its TypeScript sources directly, which Node does by default from 22.18 on.
const MINIMUM = [22, 18, 0];

/** Whether `version` ("22.17.1") is at least the minimum. */
export function supported(version) {
  const parts = version.split('.').map(Number);
  for (let i = 0; i < MINIMUM.length; i++) {
    if ((parts[i] || 0) !== MINIMUM[i]) return (parts[i] || 0) > MINIMUM[i];
  }
  return true;
}

if (!supported(process.versions.node)) {
  process.stderr.write(
    `ccm needs Node.js ${MINIMUM.join('.')} or later (it runs TypeScript directly); this is Node ${process.versions.node}. ` +
      'Install Node 24 LTS (https://nodejs.org/en/download, or `nvm install 24`) and run the command again.\n',
  );
  process.exit(1);
}
