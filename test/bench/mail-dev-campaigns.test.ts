// The product's campaigns beside the templates: templates split, campaigns mixing unrelated bodies.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { campaignFigures, campaignIndexes } from '../../bench/mail-dev-campaigns.js';
import { minHash } from '../../bench/mail-dev-similarity.js';

test('mails of one campaign key are named by the first of them', () => {
  assert.deepEqual(campaignIndexes(['c1', 'c2', 'c1', 'unread-3', 'c2', 'c1']), [0, 1, 0, 3, 1, 0]);
});

const body = (...xs: number[]) => Uint32Array.from(xs);
const bodies = (sets: Uint32Array[]) => ({ sets, sigs: sets.map(minHash) });

test('counts templates split over campaigns and campaigns mixing unrelated bodies', () => {
  const sets = [body(1, 2, 3), body(1, 2, 3), body(1, 2, 3), body(7, 8, 9), body(7, 8, 9), body(20), body()];
  const template = [0, 0, 0, 3, 3, 5, 6];
  const campaign = [0, 0, 2, 3, 0, 5, 5]; // template 0 in two campaigns; campaign 0 holds 1,2,3 and 7,8,9
  const f = campaignFigures(template, campaign, bodies(sets));
  assert.deepEqual(f, {
    mails: 7,
    withoutText: 1,
    templates: 2,
    templateMails: 5,
    campaignsPerTemplate: 2,
    templatesSplit: 2,
    largestTemplate: { mails: 3, campaigns: 2 },
    productCampaigns: 2,
    mixedCampaigns: 2, // campaign 0, and campaign 5 (a body beside an empty one)
    mixedCampaignMails: 5,
  });
});

test('a campaign of copies of one template is neither split nor mixed', () => {
  const sets = [body(1, 2, 3, 4), body(1, 2, 3, 4), body(1, 2, 3, 5)];
  const f = campaignFigures([0, 0, 0], [0, 0, 0], bodies(sets));
  assert.equal(f.templatesSplit, 0);
  assert.equal(f.campaignsPerTemplate, 1);
  assert.equal(f.mixedCampaigns, 0);
});
