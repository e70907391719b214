export const CASE_TASK_QUEUE = 'kvalitet-cases';
