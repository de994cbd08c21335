// Japanese-first labels of directory codes (分野・層・種別・連絡の種類), from the message catalog.
import { t, type MessageKey } from '../../i18n';
import { CONTACT_KINDS, ENTRY_KINDS, LAYERS, SECTORS } from '../../api/directory';

export const sectorName = (code: string) => t(('directory.sector.' + code) as MessageKey);
export const layerName = (code: string) => t(('directory.layer.' + code) as MessageKey);
export const kindName = (code: string) => t(('directory.kind.' + code) as MessageKey);
export const contactKindName = (code: string) => t(('directory.contact_kind.' + code) as MessageKey);

export const sectorOptions = () => SECTORS.map((c) => ({ value: c, label: sectorName(c) }));
export const layerOptions = () => LAYERS.map((c) => ({ value: c, label: layerName(c) }));
export const kindOptions = () => ENTRY_KINDS.map((c) => ({ value: c, label: kindName(c) }));
export const contactKindOptions = () => CONTACT_KINDS.map((c) => ({ value: c, label: contactKindName(c) }));
