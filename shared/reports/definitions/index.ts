// Every report's definitions (which sections, which columns with their Dutch labels and types, which
// privacy level), one file per report: the PDF, XLSX, CSV, screen and CLI all read them. Pure TypeScript.
export * as providerReport from './provider';
export * as corporationReport from './corporation';
export * as agendaReport from './agenda';
export * as minutesReport from './minutes';
export * as monitorReport from './monitor';
