// The module a pool's workers start with: every task names the module that runs it.
export default function idle(): never {
  throw new Error('a pool task must name its worker module');
}
