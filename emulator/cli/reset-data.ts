import { dataLocationFromEnv, openDatabase } from '../store/database.js';
import { resetDemoData } from '../store/seed.js';

// `npm run reset-data`: the demo directory as on first start. Keys stay, so the running
// dev server keeps working; everyone is signed out and asked for consent again.
const location = dataLocationFromEnv();
if (location.kind === 'memory') {
  console.error(
    'EMULATOR_DATA_DIR is :memory:, which nothing persists; there is nothing to reset.',
  );
  process.exit(1);
}
const db = openDatabase(location);
resetDemoData(db);
db.close();
console.log(`Re-seeded the Contoso demo directory in ${location.path}.`);
