import type { ComponentType } from 'react';
import { ClientOverview } from './ClientOverview';
import { AssessmentsTab } from '../assessments/AssessmentsTab';
import { ScreeningTab } from '../assessments/ScreeningTab';
import { PlanTab } from '../plan/PlanTab';
import { ContactsTab } from '../contactLog/ContactsTab';
import { ReferralsTab } from '../referrals/ReferralsTab';
import { PrintTab } from '../print/PrintTab';
import { HandoverTab } from '../handover/HandoverTab';
import { AttachmentsTab } from '../attachments/AttachmentsTab';
import type { TextKey } from '../app/i18n';

/** Props every tab of the client record gets; `readOnly` is true once custody moved with a handover. */
export interface ClientTabProps {
  clientId: string;
  readOnly: boolean;
}

/** A tab of the client record page; `labelKey` is an i18n key with its namespace (e.g. 'clients:tabs.overview'). */
export interface ClientTab {
  id: string;
  labelKey: TextKey;
  component: ComponentType<ClientTabProps>;
}

/** The tabs of the client record, in order. Areas add their tab here with a one-line edit. */
export const clientTabs: ClientTab[] = [
  { id: 'overview', labelKey: 'clients:tabs.overview', component: ClientOverview },
  { id: 'assessments', labelKey: 'assessments:tabs.assessments', component: AssessmentsTab },
  { id: 'screening', labelKey: 'assessments:tabs.screening', component: ScreeningTab },
  { id: 'plan', labelKey: 'plan:tabs.plan', component: PlanTab },
  { id: 'contacts', labelKey: 'plan:tabs.contacts', component: ContactsTab },
  { id: 'referrals', labelKey: 'directory:referrals.tab', component: ReferralsTab },
  { id: 'attachments', labelKey: 'attachments:tab', component: AttachmentsTab },
  { id: 'print', labelKey: 'directory:print.tab', component: PrintTab },
  { id: 'handover', labelKey: 'handover:tab', component: HandoverTab },
];
