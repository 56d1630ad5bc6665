// Builds the FerretDB binary into the cache given as the first argument (CI does this up
// front so the first integration test does not pay for the build).
import { ferretDbBinary } from '../../packages/local-servers/src/index.ts';

const cacheDir = process.argv[2];
if (!cacheDir) {
  console.error('usage: node infra/scripts/build-ferretdb.ts CACHE_DIR');
  process.exit(2);
}
console.log(`FerretDB binary: ${await ferretDbBinary(cacheDir)}`);
